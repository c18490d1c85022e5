package com.caddyshop.platform.cache;

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
public final class RedisGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RedisGuard.class);

    private final String user;
    private final long pauseNanos;
    private final LongSupplier nanoTime;
    private final Counter errors;
    private volatile long skipUntil;
    private volatile boolean failing;

    /**
     * @param user what goes without Redis while it fails, for the log ("product cache")
     * @param errors counts every Redis error this guard catches
     */
    public RedisGuard(String user, Duration pause, LongSupplier nanoTime, Counter errors) {
        this.user = user;
        this.pauseNanos = pause.toNanos();
        this.nanoTime = nanoTime;
        this.errors = errors;
        this.skipUntil = nanoTime.getAsLong();
    }

    /** True while reads should not even try Redis. */
    public boolean paused() {
        return failing && nanoTime.getAsLong() - skipUntil < 0;
    }

    /** Runs a cache read; {@code null} when paused or when Redis failed. */
    public <T> T read(Supplier<T> operation) {
        if (paused()) {
            return null;
        }
        return attempt(operation);
    }

    /** Runs a cache write; false when Redis failed. */
    public boolean write(Runnable operation) {
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
                LOG.info("redis answers again; {} back in use", user);
            }
            return result;
        } catch (JedisException e) {
            errors.inc();
            skipUntil = nanoTime.getAsLong() + pauseNanos;
            if (!failing) {
                failing = true;
                LOG.warn("redis failed ({}); {} goes without it until it answers", e.toString(), user);
            }
            return null;
        }
    }
}
