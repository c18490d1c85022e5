package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.readalong.ReadAlong;

/** A rate-limit decision and what the limiter could fetch along with it in the same round trip. */
public record CountedRead(RateLimitDecision decision, ReadAlong.Fetches fetches) {

    static CountedRead withoutRead(RateLimitDecision decision) {
        return new CountedRead(decision, ReadAlong.Fetches.NONE);
    }
}
