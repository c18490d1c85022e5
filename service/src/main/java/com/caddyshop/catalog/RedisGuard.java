package com.caddyshop.catalog;

import com.codahale.metrics.Counter;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Keeps a failing Redis from slowing reads down: after an error, cache reads skip Redis for a short
 * pause instead of each paying a connect timeout. Writes (invalidations) are always attempted,
 * because skipping one could leave a stale entry behind. One warning per outage, not one per request.
 */
final class RedisGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RedisGuard.class);

    private final long pauseNanos;
    private final LongSupplier nanoTime;
    private final Counter errors;
    private volatile long skipUntil;
    private volatile boolean failing;

    RedisGuard(Duration pause, LongSupplier nanoTime, Counter errors) {
        this.pauseNanos = pause.toNanos();
        this.nanoTime = nanoTime;
        this.errors = errors;
        this.skipUntil = nanoTime.getAsLong();
    }

    /** True while reads should not even try Redis. */
    boolean paused() {
        return failing && nanoTime.getAsLong() - skipUntil < 0;
    }

    /** Runs a cache read; {@code null} when paused or when Redis failed. */
    <T> T read(Supplier<T> operation) {
        if (paused()) {
            return null;
        }
        return attempt(operation);
    }

    /** Runs a cache write; false when Redis failed. */
    boolean write(Runnable operation) {
        return attempt(() -> {
            operation.run();
            return Boolean.TRUE;
        }) != null;
    }

    private <T> T attempt(Supplier<T> operation) {
        try {
            T result = operation.get();
            if (failing) {
                failing = false;
                LOG.info("redis answers again; product cache back in use");
            }
            return result;
        } catch (JedisException e) {
            errors.inc();
            skipUntil = nanoTime.getAsLong() + pauseNanos;
            if (!failing) {
                failing = true;
                LOG.warn("redis failed ({}); product reads go to the database", e.toString());
            }
            return null;
        }
    }
}
