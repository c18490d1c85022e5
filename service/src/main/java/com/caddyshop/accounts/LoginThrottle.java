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
 * The login budgets, far below the API's: per client address (one machine guessing many accounts)
 * and per account (many machines guessing one password). Every attempt counts, successful or not,
 * and is counted before the password is checked, so guesses past the budget cost no bcrypt work.
 * The per-account budget also lets anyone delay one account's logins until its window ends; that
 * is the price of stopping distributed guessing, and the window is short.
 */
public final class LoginThrottle {
    private final RateLimiter limiter;
    private final RateLimit perAddress;
    private final RateLimit perAccount;
    private final Counter rejections;

    public LoginThrottle(RateLimiter limiter, ThrottlerSettings settings, Counter rejections) {
        Duration window = Duration.ofSeconds(settings.getLoginTtlSeconds());
        this.limiter = limiter;
        this.perAddress = new RateLimit("login-address", settings.getLoginLimit(), window);
        this.perAccount = new RateLimit("login-account", settings.getLoginLimit(), window);
        this.rejections = rejections;
    }

    /** Counts the attempt; returns the stricter decision, or throws when either budget is spent. */
    public RateLimitDecision check(String clientAddress, String normalisedEmail) {
        RateLimitDecision byAddress = admit(limiter.consume(perAddress, ClientAddresses.budgetKey(clientAddress)));
        RateLimitDecision byAccount = admit(limiter.consume(perAccount, normalisedEmail));
        return byAddress.stricter(byAccount);
    }

    private RateLimitDecision admit(RateLimitDecision decision) {
        if (!decision.allowed()) {
            rejections.inc();
            throw new RateLimitedException(decision);
        }
        return decision;
    }
}
