package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * {@code DB_STATEMENT_TIMEOUT} and {@code DB_LOCK_WAIT_TIMEOUT}: how long one statement of the service
 * may run, and how long it may wait for a row lock, before the database gives up on it (and the
 * request gets a 503). A hung or saturated database then cannot hold the request threads.
 */
public class DatabaseLimitSettings {
    @JsonProperty
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.HOURS)
    private Duration statementTimeout = Duration.seconds(10);

    /** Whole seconds: {@code innodb_lock_wait_timeout} counts in seconds (a fraction is rounded up). */
    @JsonProperty
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.HOURS)
    private Duration lockWaitTimeout = Duration.seconds(5);

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public Duration getLockWaitTimeout() {
        return lockWaitTimeout;
    }
}
