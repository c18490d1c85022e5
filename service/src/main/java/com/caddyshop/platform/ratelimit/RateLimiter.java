package com.caddyshop.platform.ratelimit;

/** Counts one request of a client against a budget and says whether it may proceed. */
public interface RateLimiter {
    RateLimitDecision consume(RateLimit policy, String clientKey);
}
