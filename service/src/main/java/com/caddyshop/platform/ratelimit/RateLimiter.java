package com.caddyshop.platform.ratelimit;

import java.util.List;
import java.util.function.Supplier;

/** Counts one request of a client against a budget and says whether it may proceed. */
public interface RateLimiter {
    RateLimitDecision consume(RateLimit policy, String clientKey);

    /**
     * The same, and the values of {@code readKeys} fetched in the same round trip where the limiter
     * makes one (Redis); otherwise the reads are left to the caller (nothing fetched). The keys are
     * asked for only then: naming them may cost (a list page's key is a hash of its query).
     */
    default CountedRead consumeAndRead(RateLimit policy, String clientKey, Supplier<List<String>> readKeys) {
        return CountedRead.withoutRead(consume(policy, clientKey));
    }
}
