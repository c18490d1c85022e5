package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * {@code ORDER_HOLD} and {@code ORDER_MAX_PENDING_UNITS}: how long an unpaid (PENDING) order holds
 * its stock before the expire-holds task cancels it, and how many units one account may hold in
 * PENDING orders at once, so that unpaid orders cannot empty the shop.
 */
public class OrderSettings {
    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 30, unit = TimeUnit.DAYS)
    private Duration hold = Duration.minutes(30);

    @JsonProperty
    @Min(1)
    @Max(1_000_000)
    private int maxPendingUnits = 100;

    public Duration getHold() {
        return hold;
    }

    public int getMaxPendingUnits() {
        return maxPendingUnits;
    }
}
