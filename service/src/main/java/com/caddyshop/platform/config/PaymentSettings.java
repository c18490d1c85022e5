package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * {@code PAYMENTS_WEBHOOK_SECRET}: the secret the payment provider signs its webhook events with (HMAC-SHA256,
 * from the vault; production refuses to start without a strong one; empty elsewhere switches the webhook
 * off), and how old a signature may be before the event is refused as stale.
 */
public class PaymentSettings {
    /** The same floor as the JWT secret: 256 bits. */
    public static final int MIN_SECRET_BYTES = JwtSettings.MIN_SECRET_BYTES;

    @JsonProperty
    @NotNull
    private String webhookSecret = "";

    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.HOURS)
    private Duration signatureTolerance = Duration.minutes(5);

    public String getWebhookSecret() {
        return webhookSecret;
    }

    public java.time.Duration getSignatureTolerance() {
        return java.time.Duration.ofMillis(signatureTolerance.toMilliseconds());
    }

    public boolean isEnabled() {
        return !webhookSecret.isBlank();
    }
}
