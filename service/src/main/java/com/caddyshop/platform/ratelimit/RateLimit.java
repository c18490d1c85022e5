package com.caddyshop.platform.ratelimit;

import java.time.Duration;

/**
 * One budget: at most {@code limit} requests per {@code window} for each client key. The name keeps
 * budgets apart (the API-wide one and the login ones count the same client separately).
 */
public record RateLimit(String name, int limit, Duration window) {
    public RateLimit {
        if (limit < 1 || window.toMillis() < 1 || name.isBlank()) {
            throw new IllegalArgumentException("a rate limit needs a name, a limit >= 1 and a window >= 1 ms");
        }
    }
}
