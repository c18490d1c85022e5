package com.caddyshop.mail;

import com.caddyshop.platform.Platform;
import com.caddyshop.platform.Periodic;
import com.caddyshop.platform.config.MailSettings;
import com.caddyshop.platform.config.SmtpSettings;
import com.caddyshop.platform.db.SqlObjects;
import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires mail: the outbox features write to (always), the figures of its backlog (always), and the sender
 * that drains it, only where there is something to send with ({@code SMTP_HOST} set). Every app node with
 * SMTP runs a sender; their claims never overlap. Production refuses to start without SMTP
 * ({@link SmtpCheck}); development without it keeps its mail queued until SMTP is configured.
 */
public final class MailFeature {
    private static final Logger LOG = LoggerFactory.getLogger(MailFeature.class);
    /** A round in flight when the server stops may be sending a batch at the SMTP timeout: let it record what it sent. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final MailOutbox outbox;
    private final MailSettings settings;

    private MailFeature(MailOutbox outbox, MailSettings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    public static MailFeature register(SmtpSettings smtp, MailSettings settings, Environment environment,
                                       Platform platform) {
        SqlObjects.prepare(platform.jdbi(), OutboxDao.class, OutboxQueueDao.class);
        Clock clock = Clock.systemUTC();
        MetricRegistry metrics = environment.metrics();
        OutboxBacklog backlog = new OutboxBacklog(platform.jdbi(), clock);
        environment.lifecycle().manage(new Periodic("mail-outbox-figures", settings.getPollInterval(), STOP_GRACE,
                backlog::refresh));
        metrics.register("caddy.mail.outbox.queued", (Gauge<Long>) () -> backlog.latest().queued());
        metrics.register("caddy.mail.outbox.failed", (Gauge<Long>) () -> backlog.latest().failed());
        metrics.register("caddy.mail.outbox.oldest_queued_age_seconds",
                (Gauge<Double>) () -> backlog.latest().oldestQueuedAgeSeconds());
        // Registered without SMTP too (at 0), so dashboards and alerts find the series on every node.
        Counter sent = metrics.counter("caddy.mail.sent");
        Counter failedAttempts = metrics.counter("caddy.mail.send_failures");
        if (smtp.isEnabled()) {
            OutboxSender sender = new OutboxSender(platform.jdbi(), new SmtpTransport(smtp),
                    new OutboxSender.Settings(settings.getBatchSize(), settings.getLease(), settings.getMaxAttempts(),
                            settings.getRetention(), settings.getPollInterval()),
                    new RetryBackoff(settings.getRetryBase(), settings.getRetryCap()), clock, sent, failedAttempts);
            // A round that fails (database away) is retried by the next; the rows it claimed wait for their lease.
            environment.lifecycle().manage(new Periodic("mail-outbox-sender", settings.getPollInterval(),
                    settings.getPollInterval().plus(STOP_GRACE), sender::poll));
        } else {
            LOG.warn("SMTP_HOST is not set: mail is queued in mail_outbox but not sent (caddy_mail_outbox_queued counts"
                    + " it); it goes out once SMTP is configured");
        }
        return new MailFeature(new MailOutbox(MailTemplates.fromClasspath(), clock), settings);
    }

    public MailOutbox outbox() {
        return outbox;
    }

    /** The shop's public address, for links in mail (no trailing slash). */
    public String linkBaseUrl() {
        return settings.getLinkBaseUrl();
    }
}
