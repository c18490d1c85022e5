package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** How long one health check may take before it counts as failed. */
public class HealthSettings {
    @JsonProperty
    @NotNull
    @MinDuration(value = 50, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 30, unit = TimeUnit.SECONDS)
    private Duration checkTimeout = Duration.seconds(2);

    public Duration getCheckTimeout() {
        return checkTimeout;
    }
}
