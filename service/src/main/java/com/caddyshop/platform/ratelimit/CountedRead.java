package com.caddyshop.platform.ratelimit;

/** A rate-limit decision and, when the limiter could fetch it in the same round trip, a read along with it. */
public record CountedRead(RateLimitDecision decision, ReadAlong.Fetched fetched) {

    static CountedRead withoutRead(RateLimitDecision decision) {
        return new CountedRead(decision, null);
    }
}
