package com.caddyshop.accounts;

import com.caddyshop.platform.ratelimit.ClientAddresses;
import com.caddyshop.platform.ratelimit.RateLimit;
import com.caddyshop.platform.ratelimit.RateLimitDecision;
import com.caddyshop.platform.ratelimit.RateLimitedException;
import com.caddyshop.platform.ratelimit.RateLimiter;
import com.codahale.metrics.Counter;

/**
 * An endpoint's own budget per client address, counted before any work: registration
 * ({@code THROTTLER_REGISTER_LIMIT} per {@code THROTTLER_REGISTER_TTL} seconds), where each request
 * costs a bcrypt hash on the pool that logins wait for, and the password-reset endpoints
 * ({@code THROTTLER_RESET_LIMIT} per {@code THROTTLER_RESET_TTL}), each of which can send a mail or
 * hash a password.
 */
public final class AddressThrottle {
    private final RateLimiter limiter;
    private final RateLimit perAddress;
    private final Counter rejections;

    public AddressThrottle(RateLimiter limiter, RateLimit perAddress, Counter rejections) {
        this.limiter = limiter;
        this.perAddress = perAddress;
        this.rejections = rejections;
    }

    public RateLimitDecision check(String clientAddress) {
        return checkKey(ClientAddresses.budgetKey(clientAddress));
    }

    /** Counts against any key, e.g. the e-mail address a reset mail would go to. */
    public RateLimitDecision checkKey(String key) {
        RateLimitDecision decision = limiter.consume(perAddress, key);
        if (!decision.allowed()) {
            rejections.inc();
            throw new RateLimitedException(decision);
        }
        return decision;
    }
}
