package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * The mail outbox's sender: how often it looks for due mail, how much it claims at once, how it
 * retries, and how long delivered rows are kept. {@code SHOP_BASE_URL} is where the links in mail
 * point (the shop's public address).
 */
public class MailSettings {
    @JsonProperty
    @NotBlank
    @Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) URL without query or fragment")
    private String linkBaseUrl = "http://127.0.0.1:3000";

    @JsonProperty
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
    private Duration pollInterval = Duration.seconds(2);

    @JsonProperty
    @Min(1)
    @Max(500)
    private int batchSize = 20;

    /** A claimed row is another node's again after this; longer than a batch of deliveries at their timeout. */
    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration lease = Duration.minutes(10);

    /** The first retry waits this long, each further one twice as long, up to {@link #retryCap}. */
    @JsonProperty
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration retryBase = Duration.seconds(30);

    @JsonProperty
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration retryCap = Duration.hours(1);

    /** With the defaults, 40 attempts keep a mail for about a day and a half of SMTP outage. */
    @JsonProperty
    @Min(1)
    @Max(1000)
    private int maxAttempts = 40;

    /** Delivered rows are deleted after this. */
    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration retention = Duration.days(7);

    public String getLinkBaseUrl() {
        return linkBaseUrl.endsWith("/") ? linkBaseUrl.substring(0, linkBaseUrl.length() - 1) : linkBaseUrl;
    }

    public java.time.Duration getPollInterval() {
        return toJava(pollInterval);
    }

    public int getBatchSize() {
        return batchSize;
    }

    public java.time.Duration getLease() {
        return toJava(lease);
    }

    public java.time.Duration getRetryBase() {
        return toJava(retryBase);
    }

    public java.time.Duration getRetryCap() {
        return toJava(retryCap);
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public java.time.Duration getRetention() {
        return toJava(retention);
    }

    private static java.time.Duration toJava(Duration duration) {
        return java.time.Duration.ofMillis(duration.toMilliseconds());
    }
}
