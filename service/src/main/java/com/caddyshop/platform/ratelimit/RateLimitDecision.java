package com.caddyshop.platform.ratelimit;

/**
 * The answer for one request: allowed or not, and what the {@code X-RateLimit-*} headers report.
 * {@code resetSeconds} is the time until the current window ends (at least 1 while it runs).
 */
public record RateLimitDecision(boolean allowed, int limit, int remaining, long resetSeconds) {

    static RateLimitDecision of(RateLimit policy, long count, long millisToReset) {
        int remaining = (int) Math.max(0, policy.limit() - count);
        long seconds = Math.max(1, (millisToReset + 999) / 1000);
        return new RateLimitDecision(count <= policy.limit(), policy.limit(), remaining, seconds);
    }

    /** Of two decisions for the same request, the one the client must heed. */
    public RateLimitDecision stricter(RateLimitDecision other) {
        if (other == null) {
            return this;
        }
        if (allowed != other.allowed) {
            return allowed ? other : this;
        }
        return other.remaining < remaining ? other : this;
    }
}
