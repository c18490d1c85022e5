package com.caddyshop.mail;

import com.caddyshop.platform.Platform;
import com.caddyshop.platform.config.MailSettings;
import com.caddyshop.platform.config.SmtpSettings;
import com.caddyshop.platform.db.SqlObjects;
import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Wires mail: the outbox features write to, and (when {@code SMTP_HOST} is set) the sender that drains
 * it, with its metrics. Every app node runs a sender; their claims never overlap.
 */
public final class MailFeature {
    private final MailOutbox outbox;
    private final MailSettings settings;

    private MailFeature(MailOutbox outbox, MailSettings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    public static MailFeature register(SmtpSettings smtp, MailSettings settings, Environment environment,
                                       Platform platform) {
        SqlObjects.prepare(platform.jdbi(), OutboxDao.class);
        Clock clock = Clock.systemUTC();
        MetricRegistry metrics = environment.metrics();
        MailOutbox outbox = new MailOutbox(MailTemplates.fromClasspath(), smtp.isEnabled(), clock);
        Counter sent = metrics.counter("caddy.mail.sent");
        Counter failedAttempts = metrics.counter("caddy.mail.send_failures");
        Supplier<OutboxFigures> figures = () -> OutboxFigures.NONE;
        if (smtp.isEnabled()) {
            OutboxSender sender = new OutboxSender(platform.jdbi(), new SmtpTransport(smtp),
                    new OutboxSender.Settings(settings.getPollInterval(), settings.getBatchSize(), settings.getLease(),
                            settings.getMaxAttempts(), settings.getRetention()),
                    new RetryBackoff(settings.getRetryBase(), settings.getRetryCap()), clock,
                    sent, failedAttempts);
            environment.lifecycle().manage(sender);
            figures = sender::figures;
        }
        Supplier<OutboxFigures> current = figures;
        metrics.register("caddy.mail.outbox.queued", (Gauge<Long>) () -> current.get().queued());
        metrics.register("caddy.mail.outbox.failed", (Gauge<Long>) () -> current.get().failed());
        metrics.register("caddy.mail.outbox.oldest_queued_age_seconds",
                (Gauge<Double>) () -> current.get().oldestQueuedAgeSeconds());
        return new MailFeature(outbox, settings);
    }

    public MailOutbox outbox() {
        return outbox;
    }

    /** The shop's public address, for links in mail (no trailing slash). */
    public String linkBaseUrl() {
        return settings.getLinkBaseUrl();
    }
}
