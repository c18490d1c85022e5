package com.caddyshop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.AccountsClient;
import com.caddyshop.platform.config.SmtpSettings;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.MailCatcher;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.SelfSignedCertificate;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestDatabase;
import com.codahale.metrics.Counter;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SMTP as production has it: a relay (real aiosmtpd) that requires STARTTLS, with a certificate of a
 * private CA that only {@code SMTP_CA_FILE} makes trusted, then AUTH. The app's sender, with a wrong
 * password, keeps the mail queued and counts each failure; a sender with the right password delivers the
 * same outbox row, over TLS and authenticated. A server that offers no STARTTLS, or a certificate the
 * sender does not trust, is refused, never fallen back from: the mail stays queued.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class SmtpStarttlsAuthIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String USER = "shop-relay";
    private static final String PASSWORD = "the-right-relay-password";
    private static final String SUBJECT = "Confirm your e-mail address";

    private static final Supplier<SelfSignedCertificate> CERTIFICATE = TestApp.memoize(SelfSignedCertificate::forLoopback);
    private static final Supplier<MailCatcher> RELAY = TestApp.memoize(() -> MailCatcher.startRequiringTlsAndAuth(
            CERTIFICATE.get().certificate(), CERTIFICATE.get().key(), USER, PASSWORD));
    private static final Supplier<MailCatcher> NO_STARTTLS = TestApp.memoize(MailCatcher::start);
    private static final Supplier<TestDatabase> DATABASE = TestApp.migratedDatabase("smtp_tls");
    private static final Supplier<TestDatabase> OTHER_DATABASE = TestApp.migratedDatabase("smtp_refused");

    /** The app's own sender: STARTTLS with the CA file, the right user, a wrong password; never gives up here. */
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.on(DATABASE)
            .redis(() -> RealServers.redis().port())
            .smtp(RELAY)
            .set("smtp.transport", () -> "starttls")
            .set("smtp.user", () -> USER)
            .set("smtp.password", () -> "a-wrong-password")
            .set("smtp.trustedCaFile", () -> CERTIFICATE.get().certificate().toString())
            .set("mail.maxAttempts", () -> "1000")
            .extension();

    private final AccountsClient accounts = new AccountsClient(APP);

    @Test
    void aWrongPasswordKeepsTheMailQueuedAndCountedUntilASenderWithTheRightOneDeliversIt() {
        String email = "relay-" + UUID.randomUUID() + "@smtp.test";
        try (Response registered = accounts.register(email, "correct horse battery")) {
            assertThat(registered.getStatus()).isEqualTo(202);
        }
        Counter failures = APP.getEnvironment().metrics().counter("caddy.mail.send_failures");
        Jdbi db = jdbi(DATABASE.get());
        Await.until("a refused attempt at the verification mail", BOUND,
                () -> failures.getCount() >= 1 && attempts(db, email) >= 1);
        assertThat(status(db, email)).as("kept for the next attempt, not lost").isEqualTo("QUEUED");
        assertThat(lastError(db, email)).contains("535");
        assertThat(RELAY.get().messagesTo(email)).isEmpty();
        assertThat(APP.getEnvironment().metrics().counter("caddy.mail.sent").getCount()).isZero();

        // A second sender, on the same outbox, with the right password: the same row goes out.
        Counter sent = new Counter();
        OutboxSender right = sender(db, smtp(RELAY.get(), PASSWORD, CERTIFICATE.get().certificate().toString()), sent,
                new Counter());
        Await.until("the mail delivered with the right password", BOUND, () -> {
            right.poll();
            return !RELAY.get().messagesTo(email).isEmpty();
        });
        MailCatcher.Message mail = RELAY.get().messagesTo(email).get(0);
        assertThat(mail.subject()).isEqualTo(SUBJECT);
        assertThat(mail.tls()).as("delivered inside STARTTLS").isNotEqualTo("none");
        assertThat(mail.login()).as("delivered after AUTH").isEqualTo(USER);
        assertThat(sent.getCount()).isEqualTo(1);
        Await.until("the row marked sent", BOUND, () -> "SENT".equals(status(db, email)));
    }

    @Test
    void aServerWithoutStarttlsIsRefusedAndTheMailStaysQueued() {
        Jdbi db = jdbi(OTHER_DATABASE.get());
        String email = queue(db);
        Counter sent = new Counter();
        Counter failures = new Counter();
        OutboxSender sender = sender(db, smtp(NO_STARTTLS.get(), PASSWORD, CERTIFICATE.get().certificate().toString()),
                sent, failures);

        // The other test's mail may be due on this database too: counted per row, not per sender.
        assertThat(sender.poll()).isZero();
        assertThat(failures.getCount()).isPositive();
        assertThat(sent.getCount()).isZero();
        assertThat(attempts(db, email)).isEqualTo(1);
        assertThat(NO_STARTTLS.get().messagesTo(email)).as("no plaintext fallback").isEmpty();
        assertThat(status(db, email)).isEqualTo("QUEUED");
        assertThat(lastError(db, email)).contains("STARTTLS");
    }

    @Test
    void aRelayCertificateOutsideTheTrustedCasIsRefusedAndTheMailStaysQueued() {
        Jdbi db = jdbi(OTHER_DATABASE.get());
        String email = queue(db);
        Counter failures = new Counter();
        // No SMTP_CA_FILE: the JVM's default store, which does not know the relay's private CA. (Simple Java
        // Mail's default trusted every certificate here and delivered: this is the test that caught it.)
        OutboxSender sender = sender(db, smtp(RELAY.get(), PASSWORD, ""), new Counter(), failures);

        assertThat(sender.poll()).isZero();
        assertThat(failures.getCount()).isPositive();
        assertThat(attempts(db, email)).isEqualTo(1);
        assertThat(RELAY.get().messagesTo(email)).isEmpty();
        assertThat(status(db, email)).isEqualTo("QUEUED");
        assertThat(lastError(db, email)).containsAnyOf("PKIX", "certification path", "SSLHandshakeException");
    }

    /** SMTP settings as the YAML makes them from SMTP_*: STARTTLS required, the test's user. */
    private static SmtpSettings smtp(MailCatcher server, String password, String caFile) {
        Map<String, Object> values = new HashMap<>();
        values.put("host", "127.0.0.1");
        values.put("port", server.port());
        values.put("user", USER);
        values.put("password", password);
        values.put("from", "shop@caddy.test");
        values.put("transport", "starttls");
        values.put("timeout", "5s");
        values.put("trustedCaFile", caFile);
        return Jackson.newObjectMapper().convertValue(values, SmtpSettings.class);
    }

    private static OutboxSender sender(Jdbi db, SmtpSettings smtp, Counter sent, Counter failures) {
        return new OutboxSender(db, new SmtpTransport(smtp),
                new OutboxSender.Settings(20, Duration.ofMinutes(1), 1000, Duration.ofDays(1), Duration.ofMillis(200)),
                new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(1)), Clock.systemUTC(), sent, failures);
    }

    /** A verification mail to a new address, queued as the accounts feature queues it. */
    private static String queue(Jdbi db) {
        String email = "queued-" + UUID.randomUUID() + "@smtp.test";
        db.useTransaction(tx -> new MailOutbox(MailTemplates.fromClasspath(), Clock.systemUTC()).queue(tx,
                new Mail(MailKind.VERIFY_EMAIL, email, MailLanguage.EN,
                        Map.of("link", "https://shop.caddy.test/verify-email?token=t", "hours", "48"))));
        return email;
    }

    private static Jdbi jdbi(TestDatabase database) {
        return Jdbi.create(database.jdbcUrl(), database.user(), database.password()).installPlugin(new SqlObjectPlugin());
    }

    private static int attempts(Jdbi db, String email) {
        return column(db, "attempts", email).stream().mapToInt(Integer::parseInt).sum();
    }

    private static String status(Jdbi db, String email) {
        return String.join(",", column(db, "status", email));
    }

    private static String lastError(Jdbi db, String email) {
        return String.join(",", column(db, "COALESCE(last_error, '')", email));
    }

    private static List<String> column(Jdbi db, String column, String email) {
        return db.withHandle(h -> h.createQuery("SELECT " + column + " FROM mail_outbox WHERE recipient = :r")
                .bind("r", email).mapTo(String.class).list());
    }
}
