package com.caddyshop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.platform.config.SmtpSettings;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.FreePorts;
import com.caddyshop.testing.MailCatcher;
import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jackson.Jackson;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sender against a real database and a real SMTP server, without the app around it: two nodes'
 * senders never deliver one mail twice, a mail whose attempts run out becomes FAILED (kept and counted),
 * and delivered mail is purged after the retention while undelivered mail never is.
 */
@ExtendWith(RealServers.class)
class OutboxSenderIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final MailTemplates TEMPLATES = MailTemplates.fromClasspath();
    static Jdbi jdbi;
    static MailCatcher smtp;
    static MetricRegistry metrics = new MetricRegistry();

    @BeforeAll
    static void setUp() {
        TestDatabase db = RealServers.newDatabase("outbox_sender");
        Migrations.apply(db);
        jdbi = Jdbi.create(Migrations.dataSource(db)).installPlugin(new SqlObjectPlugin());
        smtp = MailCatcher.start();
    }

    @AfterAll
    static void tearDown() {
        RealServers.stop(smtp);
    }

    /** Repeated: a race that loses once in a while must show here, not in production. */
    @RepeatedTest(3)
    void twoNodesSendingAtOnceDeliverEveryMailExactlyOnce(RepetitionInfo repetition) throws Exception {
        int mails = 60;
        String round = "r" + repetition.getCurrentRepetition() + "-";
        for (int i = 0; i < mails; i++) {
            queue(round + i + "@nodes.test");
        }
        // Small batches, so the two senders claim again and again while the other is claiming.
        OutboxSender first = sender(smtp.port(), 3, 40, Duration.ofDays(7));
        OutboxSender second = sender(smtp.port(), 3, 40, Duration.ofDays(7));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (OutboxSender node : List.of(first, second)) {
                sent.add(nodes.submit(drain(node)));
            }
            int total = 0;
            for (Future<Integer> each : sent) {
                total += each.get();
            }
            assertThat(total).isEqualTo(mails);
        } finally {
            nodes.shutdownNow();
        }
        Map<String, Long> received = smtp.messages().stream()
                .collect(Collectors.groupingBy(MailCatcher.Message::to, Collectors.counting()));
        for (int i = 0; i < mails; i++) {
            assertThat(received.get(round + i + "@nodes.test")).as("mails to " + round + i).isEqualTo(1L);
        }
        assertThat(count("SENT", round + "%@nodes.test")).isEqualTo(mails);
    }

    @Test
    void aMailWhoseAttemptsRunOutIsKeptAsFailedAndCounted() {
        queue("nobody-listens@failed.test");
        OutboxSender unreachable = sender(FreePorts.next(), 10, 3, Duration.ofDays(7));
        Await.until("three failed attempts", BOUND, () -> {
            unreachable.poll();
            return count("FAILED", "nobody-listens@failed.test") == 1;
        });
        String error = jdbi.withHandle(h -> h.createQuery(
                "SELECT last_error FROM mail_outbox WHERE recipient = 'nobody-listens@failed.test'").mapTo(String.class).one());
        assertThat(error).contains("Connection refused");
        assertThat(new OutboxBacklog(jdbi, Clock.systemUTC()).refresh().failed()).isGreaterThanOrEqualTo(1);
        int attempts = jdbi.withHandle(h -> h.createQuery(
                "SELECT attempts FROM mail_outbox WHERE recipient = 'nobody-listens@failed.test'").mapTo(Integer.class).one());
        assertThat(attempts).isEqualTo(3);
    }

    @Test
    void onePollDrainsABacklogBatchAfterBatch() {
        for (int i = 0; i < 7; i++) {
            queue("backlog-" + i + "@drain.test");
        }
        // Batches of 2: one batch per poll would leave 5 waiting; the poll goes on while batches come back full.
        int sent = sender(smtp.port(), 2, 40, Duration.ofDays(7)).poll();
        assertThat(sent).isEqualTo(7);
        assertThat(count("QUEUED", "%@drain.test")).isZero();
        assertThat(count("SENT", "%@drain.test")).isEqualTo(7);
    }

    /**
     * A batch travels on one connection, and a relay that ends a session after two messages costs no mail
     * an attempt: the mail that finds the connection closed goes out at once on a new one.
     */
    @Test
    void aBatchSharesOneConnectionAndASessionTheRelayEndedIsOpenedAgain() {
        try (MailCatcher strictRelay = MailCatcher.startClosingSessionsAfter(2)) {
            for (int i = 0; i < 5; i++) {
                queue("session-" + i + "@sessions.test");
            }
            long failuresBefore = metrics.counter("failed").getCount();
            assertThat(sender(strictRelay.port(), 10, 40, Duration.ofDays(7)).poll()).isEqualTo(5);

            assertThat(metrics.counter("failed").getCount()).isEqualTo(failuresBefore);
            assertThat(count("SENT", "%@sessions.test")).isEqualTo(5);
            int attempts = jdbi.withHandle(h -> h.createQuery(
                    "SELECT MAX(attempts) FROM mail_outbox WHERE recipient LIKE '%@sessions.test'").mapTo(Integer.class).one());
            assertThat(attempts).isEqualTo(1);
            Map<String, Long> mailsPerSession = strictRelay.messages().stream()
                    .collect(Collectors.groupingBy(MailCatcher.Message::session, Collectors.counting()));
            // Two, two and one: not a connection per mail, and each mail once.
            assertThat(mailsPerSession.values()).containsExactlyInAnyOrder(2L, 2L, 1L);
        }
    }

    @Test
    void deliveredMailIsPurgedAfterTheRetentionAndQueuedMailIsNot() {
        queue("old@purge.test");
        queue("fresh@purge.test");
        OutboxSender sender = sender(smtp.port(), 10, 40, Duration.ofHours(1));
        Await.until("both delivered", BOUND, () -> {
            sender.poll();
            return count("SENT", "%@purge.test") == 2;
        });
        jdbi.useHandle(h -> h.execute("UPDATE mail_outbox SET sent_at = sent_at - INTERVAL 2 HOUR WHERE recipient = 'old@purge.test'"));
        queue("waiting@purge.test");
        jdbi.useHandle(h -> h.execute("""
                UPDATE mail_outbox SET created_at = created_at - INTERVAL 3 HOUR, next_attempt_at = NOW(3) + INTERVAL 1 DAY
                WHERE recipient = 'waiting@purge.test'"""));
        sender.poll();
        assertThat(count("SENT", "old@purge.test")).isZero();
        assertThat(count("SENT", "fresh@purge.test")).isEqualTo(1);
        assertThat(count("QUEUED", "waiting@purge.test")).isEqualTo(1);
        // The oldest queued mail is the one held back for three hours (the other tests' rows are settled).
        OutboxFigures figures = new OutboxBacklog(jdbi, Clock.systemUTC()).refresh();
        assertThat(figures.oldestQueuedAgeSeconds()).isGreaterThan(3 * 3600 - 60);
    }

    private static Callable<Integer> drain(OutboxSender node) {
        return () -> {
            int sent = 0;
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (count("QUEUED", "%@nodes.test") > 0 && System.nanoTime() < deadline) {
                sent += node.poll();
            }
            return sent;
        };
    }

    private static OutboxSender sender(int smtpPort, int batch, int maxAttempts, Duration retention) {
        SmtpSettings settings = Jackson.newObjectMapper().convertValue(Map.of("host", "127.0.0.1", "port", smtpPort,
                "transport", "plain", "from", "shop@caddy.test", "timeout", "5s"), SmtpSettings.class);
        return new OutboxSender(jdbi, new SmtpTransport(settings),
                new OutboxSender.Settings(batch, Duration.ofMinutes(10), maxAttempts, retention, Duration.ofSeconds(30)),
                new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(50)), Clock.systemUTC(),
                metrics.counter("sent"), metrics.counter("failed"));
    }

    private static void queue(String recipient) {
        jdbi.useTransaction(h -> new MailOutbox(TEMPLATES, Clock.systemUTC()).queue(h,
                new Mail(MailKind.ALREADY_REGISTERED, recipient, MailLanguage.EN, Map.of("resetLink", "https://x.test/r"))));
    }

    private static int count(String status, String recipientPattern) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM mail_outbox WHERE status = :s AND recipient LIKE :r")
                .bind("s", status).bind("r", recipientPattern).mapTo(Integer.class).one());
    }

}
