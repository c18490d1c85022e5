package com.caddyshop.platform.ratelimit;

/** A request over one of its budgets; mapped to 429 with {@code Retry-After} and the rate-limit headers. */
public final class RateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RateLimitDecision decision;

    public RateLimitedException(RateLimitDecision decision) {
        super("rate limit exceeded", null, false, false);
        this.decision = decision;
    }

    public RateLimitDecision decision() {
        return decision;
    }
}
