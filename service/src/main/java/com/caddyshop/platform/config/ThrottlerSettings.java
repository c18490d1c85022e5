package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** {@code THROTTLER_LIMIT} requests per {@code THROTTLER_TTL} seconds per client; a stricter budget for logins. */
public class ThrottlerSettings {
    @JsonProperty
    @Min(1)
    private int limit = 5000;

    @JsonProperty
    @Min(1)
    private int ttlSeconds = 60;

    @JsonProperty
    @Min(1)
    private int loginLimit = 10;

    @JsonProperty
    @Min(1)
    private int loginTtlSeconds = 300;

    public int getLimit() {
        return limit;
    }

    public int getTtlSeconds() {
        return ttlSeconds;
    }

    public int getLoginLimit() {
        return loginLimit;
    }

    public int getLoginTtlSeconds() {
        return loginTtlSeconds;
    }
}
