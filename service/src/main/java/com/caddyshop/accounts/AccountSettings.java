package com.caddyshop.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Password hashing: the bcrypt cost ({@code PASSWORD_HASH_COST}, 12 in production; tests lower it to
 * stay fast) and the small pool that runs it. bcrypt is deliberately slow, so it runs on a few
 * threads of its own with a short queue: a burst of logins waits there, or is refused with 503,
 * instead of occupying every request thread and starving the catalog.
 */
public class AccountSettings {
    @JsonProperty
    @Min(4)
    @Max(31)
    private int passwordHashCost = 12;

    /** 0: half the processors (at least one), so a login storm can never take every core from the catalog. */
    @JsonProperty
    @Min(0)
    @Max(64)
    private int hashingThreads = 0;

    @JsonProperty
    @Min(1)
    @Max(10_000)
    private int hashingQueueSize = 64;

    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration hashingTimeout = Duration.seconds(10);

    public int getPasswordHashCost() {
        return passwordHashCost;
    }

    /** The configured thread count, or half the processors when it is 0. */
    public int getHashingThreads() {
        return hashingThreads > 0 ? hashingThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public int getHashingQueueSize() {
        return hashingQueueSize;
    }

    public Duration getHashingTimeout() {
        return hashingTimeout;
    }
}
