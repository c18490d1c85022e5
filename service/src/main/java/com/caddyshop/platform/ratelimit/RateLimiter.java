package com.caddyshop.platform.ratelimit;

import java.util.List;
import java.util.function.Supplier;

/** Counts one request of a client against one or more budgets and says whether it may proceed. */
public interface RateLimiter {
    /**
     * Counts the request against every charge (each counted, even when another refuses) and returns
     * the decision the client must heed ({@link RateLimitDecision#stricter}), with the values of
     * {@code readKeys} fetched in the same round trip where the limiter makes one (Redis); otherwise
     * the reads are left to the caller (nothing fetched). The keys are asked for only then: naming
     * them may cost (a list page's key is a hash of its query).
     */
    CountedRead consumeAndRead(List<Charge> charges, Supplier<List<String>> readKeys);

    default RateLimitDecision consume(RateLimit policy, String clientKey) {
        return consumeAndRead(policy, clientKey, List::of).decision();
    }

    default CountedRead consumeAndRead(RateLimit policy, String clientKey, Supplier<List<String>> readKeys) {
        return consumeAndRead(List.of(new Charge(policy, clientKey)), readKeys);
    }
}
