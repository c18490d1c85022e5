package com.caddyshop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.AccountsClient;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.MailCatcher;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Development without SMTP (no {@code SMTP_HOST}): mail is still queued with its event, nothing tries to
 * send it, the backlog shows in the metrics, and a node that has SMTP later delivers it. Nothing is lost.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class MailWithoutSmtpIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    static final Supplier<TestDatabase> DATABASE = TestApp.migratedDatabase("mail_without_smtp");
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.on(DATABASE)
            .redis(() -> RealServers.redis().port()).set("mail.pollInterval", () -> "200ms").extension();

    private final AccountsClient accounts = new AccountsClient(APP);

    @Test
    void mailIsQueuedAndCountedWithoutSmtpAndSentOnceANodeHasIt() throws Exception {
        try (Response response = accounts.register("no-smtp@mail.test", "correct horse battery")) {
            assertThat(response.getStatus()).isEqualTo(202);
        }
        int waiting = db().withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'no-smtp@mail.test' AND kind = 'VERIFY_EMAIL'
                          AND status = 'QUEUED' AND attempts = 0 AND last_error IS NULL""").mapTo(Integer.class).one());
        assertThat(waiting).as("queued, and no delivery attempted").isEqualTo(1);
        Await.until("the backlog in the metrics", BOUND, () -> metric("caddy_mail_outbox_queued") >= 1);
        assertThat(metric("caddy_mail_send_failures_total")).as("no delivery tried").isZero();
        assertThat(metric("caddy_mail_sent_total")).isZero();

        MailCatcher smtp = MailCatcher.start();
        DropwizardAppExtension<CaddyShopConfiguration> withSmtp = TestApp.on(DATABASE)
                .redis(() -> RealServers.redis().port()).smtp(() -> smtp).extension();
        withSmtp.before();
        try {
            MailCatcher.Message mail = smtp.awaitMessagesTo("no-smtp@mail.test", 1, BOUND).get(0);
            assertThat(mail.subject()).isEqualTo("Confirm your e-mail address");
            Await.until("the mail marked SENT", BOUND, () -> db().withHandle(h -> h.createQuery(
                    "SELECT status FROM mail_outbox WHERE recipient = 'no-smtp@mail.test'").mapTo(String.class).one())
                    .equals("SENT"));
            Await.until("the backlog gone from the metrics", BOUND, () -> metric("caddy_mail_outbox_queued") == 0);
        } finally {
            withSmtp.after();
        }
    }

    /** A sample without labels from this node's Prometheus endpoint; fails the test when the series is missing. */
    private double metric(String name) {
        String text = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus").request()
                .get(String.class);
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(text);
        assertThat(sample.find()).as(name + " in the metrics").isTrue();
        return Double.parseDouble(sample.group(1));
    }

    private Jdbi db() {
        var database = APP.getConfiguration().getDatabase();
        return Jdbi.create(database.getUrl(), database.getUser(), database.getPassword());
    }
}
