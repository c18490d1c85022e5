package com.caddyshop.payments;

import com.caddyshop.orders.OrderPayments;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.config.PaymentSettings;
import com.caddyshop.platform.db.SqlObjects;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
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
        environment.lifecycle().manage(new PaymentEventRetention(platform.jdbi(), settings.getEventRetention(),
                settings.getEventPurgeInterval(), clock, environment.metrics().counter("caddy.payments.events_purged")));
        environment.jersey().register(new PaymentWebhookResource(new PaymentWebhook(signature, platform.transactions(),
                platform.jdbi(), orders, environment.getObjectMapper(), clock, environment.metrics())));
    }
}
