package com.caddyshop.mail;

import java.time.Duration;

/** Exponential backoff: the first retry after {@code base}, each later one twice as long, never past {@code cap}. */
public record RetryBackoff(Duration base, Duration cap) {
    /** The wait after the {@code failedAttempts}-th failure (1 for the first). */
    public Duration after(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
        long millis = base.toMillis();
        for (int i = 0; i < doublings && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }
}
