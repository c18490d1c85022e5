package com.caddyshop.accounts;

import com.caddyshop.platform.config.ThrottlerSettings;
import com.caddyshop.platform.ratelimit.ClientAddresses;
import com.caddyshop.platform.ratelimit.RateLimit;
import com.caddyshop.platform.ratelimit.RateLimitDecision;
import com.caddyshop.platform.ratelimit.RateLimitedException;
import com.caddyshop.platform.ratelimit.RateLimiter;
import com.codahale.metrics.Counter;
import java.time.Duration;

/**
 * Registration's own budget per client address ({@code THROTTLER_REGISTER_LIMIT} per
 * {@code THROTTLER_REGISTER_TTL} seconds). Each registration costs a bcrypt hash on the pool that
 * logins wait for, so one address must not be able to fill that pool with sign-ups; counted before
 * anything is hashed.
 */
public final class RegistrationThrottle {
    private final RateLimiter limiter;
    private final RateLimit perAddress;
    private final Counter rejections;

    public RegistrationThrottle(RateLimiter limiter, ThrottlerSettings settings, Counter rejections) {
        this.limiter = limiter;
        this.perAddress = new RateLimit("register-address", settings.getRegisterLimit(),
                Duration.ofSeconds(settings.getRegisterTtlSeconds()));
        this.rejections = rejections;
    }

    public RateLimitDecision check(String clientAddress) {
        RateLimitDecision decision = limiter.consume(perAddress, ClientAddresses.budgetKey(clientAddress));
        if (!decision.allowed()) {
            rejections.inc();
            throw new RateLimitedException(decision);
        }
        return decision;
    }
}
