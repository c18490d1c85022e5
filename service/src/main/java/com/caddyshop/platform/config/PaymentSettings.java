package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code PAYMENTS_WEBHOOK_SECRET}: the secret the payment provider signs its webhook events with (HMAC-SHA256,
 * from the vault; production refuses to start without a strong one; empty elsewhere switches the webhook
 * off), and how old a signature may be before the event is refused as stale. While the secret is rotated,
 * {@code PAYMENTS_WEBHOOK_SECRET_PREVIOUS} holds the one it replaces: a provider signs with one secret at a
 * time and switches when told to, so deliveries signed with either are accepted until it is removed. Received
 * events are purged after {@code PAYMENTS_EVENT_RETENTION}.
 */
public class PaymentSettings {
    /** The same floor as the JWT secret: 256 bits. */
    public static final int MIN_SECRET_BYTES = Secrets.MIN_BYTES;

    @JsonProperty
    @NotNull
    private String webhookSecret = "";

    /** Empty except while a rotation is under way. */
    @JsonProperty
    @NotNull
    private String previousWebhookSecret = "";

    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.HOURS)
    private Duration signatureTolerance = Duration.minutes(5);

    /**
     * How long a received webhook event is kept ({@code PAYMENTS_EVENT_RETENTION}): far beyond the signature
     * tolerance and the provider's re-deliveries (days), as an event purged and delivered again would be new.
     */
    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.DAYS)
    private Duration eventRetention = Duration.days(30);

    /** How often each node purges events older than the retention. */
    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.DAYS)
    private Duration eventPurgeInterval = Duration.hours(1);

    public String getWebhookSecret() {
        return webhookSecret;
    }

    public java.time.Duration getEventRetention() {
        return java.time.Duration.ofMillis(eventRetention.toMilliseconds());
    }

    public java.time.Duration getEventPurgeInterval() {
        return java.time.Duration.ofMillis(eventPurgeInterval.toMilliseconds());
    }

    public String getPreviousWebhookSecret() {
        return previousWebhookSecret;
    }

    /** The secrets a delivery may be signed with: the current one, then the one being rotated out if any. */
    public List<String> acceptedWebhookSecrets() {
        return previousWebhookSecret.isEmpty() ? List.of(webhookSecret) : List.of(webhookSecret, previousWebhookSecret);
    }

    public java.time.Duration getSignatureTolerance() {
        return java.time.Duration.ofMillis(signatureTolerance.toMilliseconds());
    }

    public boolean isEnabled() {
        return !webhookSecret.isBlank();
    }
}
