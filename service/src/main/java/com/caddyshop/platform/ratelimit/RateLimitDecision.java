package com.caddyshop.platform.ratelimit;

/**
 * The answer for one request: allowed or not, and what the {@code X-RateLimit-*} headers report.
 * {@code resetSeconds} is the time until the current window ends (at least 1 while it runs).
 * {@code used} is how many requests the window has counted, this one included, as far as this node
 * knows (exact for budgets counted a unit at a time; see {@link LeasingRateLimiter}); it may exceed
 * the limit, by the refused requests.
 */
public record RateLimitDecision(boolean allowed, int limit, int remaining, long resetSeconds, long used) {

    static RateLimitDecision of(RateLimit policy, long count, long millisToReset) {
        return new RateLimitDecision(count <= policy.limit(), policy.limit(), unreserved(policy, count),
                seconds(millisToReset), count);
    }

    /**
     * A request let through on a unit this node reserved ({@link LeasingRateLimiter}): what remains is
     * what the shared counter has not given out yet plus the {@code held} units still reserved here.
     */
    static RateLimitDecision onHeldUnit(RateLimit policy, long count, int held, long millisToReset) {
        return new RateLimitDecision(true, policy.limit(), unreserved(policy, count) + held, seconds(millisToReset),
                count - held);
    }

    private static int unreserved(RateLimit policy, long count) {
        return (int) Math.max(0, policy.limit() - count);
    }

    private static long seconds(long millisToReset) {
        return Math.max(1, (millisToReset + 999) / 1000);
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
