package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The rate-limit budgets. The API: {@code THROTTLER_LIMIT} requests per {@code THROTTLER_TTL}
 * seconds, per client address and, for signed-in traffic, per user as well. Login: hard budgets
 * per address and per account-and-address, and a softer per-account ceiling beyond which attempts
 * are slowed down (never refused outright, so a third party cannot lock the owner out). Registration
 * and search have budgets of their own.
 */
public class ThrottlerSettings {
    @JsonProperty
    @Min(1)
    private int limit = 5000;

    @JsonProperty
    @Min(1)
    private int ttlSeconds = 60;

    /** Login attempts per account from one address. */
    @JsonProperty
    @Min(1)
    private int loginLimit = 10;

    @JsonProperty
    @Min(1)
    private int loginTtlSeconds = 300;

    /** Login attempts from one address, whatever the accounts. */
    @JsonProperty
    @Min(1)
    private int loginAddressLimit = 30;

    /** Login attempts at one account from all addresses before each further one is delayed. */
    @JsonProperty
    @Min(1)
    private int loginAccountLimit = 50;

    /** The longest delay between two attempts of one address at an account above its ceiling. */
    @JsonProperty
    @Min(1)
    @Max(3600)
    private int loginMaxDelaySeconds = 60;

    @JsonProperty
    @Min(1)
    private int registerLimit = 10;

    @JsonProperty
    @Min(1)
    private int registerTtlSeconds = 3600;

    @JsonProperty
    @Min(1)
    private int searchLimit = 120;

    @JsonProperty
    @Min(1)
    private int searchTtlSeconds = 60;

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

    public int getLoginAddressLimit() {
        return loginAddressLimit;
    }

    public int getLoginAccountLimit() {
        return loginAccountLimit;
    }

    public int getLoginMaxDelaySeconds() {
        return loginMaxDelaySeconds;
    }

    public int getRegisterLimit() {
        return registerLimit;
    }

    public int getRegisterTtlSeconds() {
        return registerTtlSeconds;
    }

    public int getSearchLimit() {
        return searchLimit;
    }

    public int getSearchTtlSeconds() {
        return searchTtlSeconds;
    }
}
