package com.caddyshop.payments;

import com.caddyshop.orders.OrderPayments;
import com.caddyshop.platform.Periodic;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.config.PaymentSettings;
import com.caddyshop.platform.db.SqlObjects;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Wires the payment webhook (without PAYMENTS_WEBHOOK_SECRET it answers 503; production refuses to start without
 * it) and the purge of old webhook events.
 */
public final class PaymentsFeature {
    private PaymentsFeature() {
    }

    public static void register(PaymentSettings settings, Environment environment, Platform platform,
                                OrderPayments orders) {
        SqlObjects.prepare(platform.jdbi(), PaymentEventDao.class);
        Clock clock = Clock.systemUTC();
        Optional<WebhookSignature> signature = settings.isEnabled()
                ? Optional.of(new WebhookSignature(settings.acceptedWebhookSecrets(), settings.getSignatureTolerance(),
                        clock))
                : Optional.empty();
        PaymentEventRetention retention = new PaymentEventRetention(platform.jdbi(), settings.getEventRetention(), clock,
                environment.metrics().counter("caddy.payments.events_purged"));
        // No grace at stop: a purge is interrupted between batches and nothing is lost by finishing it next time.
        environment.lifecycle().manage(new Periodic("payment-events-retention", settings.getEventPurgeInterval(),
                Duration.ZERO, retention::purge));
        environment.jersey().register(new PaymentWebhookResource(new PaymentWebhook(signature, platform.transactions(),
                platform.jdbi(), orders, environment.getObjectMapper(), clock, environment.metrics())));
    }
}
