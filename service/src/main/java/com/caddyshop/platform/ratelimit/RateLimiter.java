package com.caddyshop.platform.ratelimit;

/** Counts one request of a client against a budget and says whether it may proceed. */
public interface RateLimiter {
    RateLimitDecision consume(RateLimit policy, String clientKey);

    /**
     * The same, and the value of {@code readKey} fetched in the same round trip where the limiter
     * can do that (Redis); otherwise the read is left to the caller ({@link CountedRead#fetched()} null).
     */
    default CountedRead consumeAndRead(RateLimit policy, String clientKey, String readKey) {
        return CountedRead.withoutRead(consume(policy, clientKey));
    }
}
