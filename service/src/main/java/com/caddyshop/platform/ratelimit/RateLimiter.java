package com.caddyshop.platform.ratelimit;

import java.util.List;

/** Counts one request of a client against a budget and says whether it may proceed. */
public interface RateLimiter {
    RateLimitDecision consume(RateLimit policy, String clientKey);

    /**
     * The same, and the values of {@code readKeys} fetched in the same round trip where the limiter
     * can do that (Redis); otherwise the reads are left to the caller (nothing fetched).
     */
    default CountedRead consumeAndRead(RateLimit policy, String clientKey, List<String> readKeys) {
        return CountedRead.withoutRead(consume(policy, clientKey));
    }
}
