package com.caddyshop.platform.cache;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A time to live with random jitter, so that entries filled together (after a deploy, a flush)
 * do not all expire in the same second and send their reads to the database at once.
 */
public record CacheTtl(Duration base, double jitter) {
    public CacheTtl {
        if (base.isNegative() || base.isZero() || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("ttl must be positive and jitter in [0, 1)");
        }
    }

    /** Milliseconds, uniformly within base +- jitter, never below one second. */
    public long nextMillis() {
        long baseMillis = base.toMillis();
        long spread = (long) (baseMillis * jitter);
        long value = spread == 0 ? baseMillis : baseMillis - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1);
        return Math.max(1000, value);
    }
}
