package com.caddyshop.accounts;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a new password hash would wait on its pool: the hashes ahead of it, shared among the
 * pool's threads, times the recent time per hash. A refused login tells its client this wait as
 * {@code Retry-After}.
 */
final class HashingBacklog {
    /** Weight of the newest hash in the moving average: follows a machine that gets busier within a few hashes. */
    private static final double NEWEST_WEIGHT = 0.2;

    private final int threads;
    private final AtomicInteger pending = new AtomicInteger();
    /** 0 until the first hash finished: until then the expected wait is 0. */
    private final AtomicLong averageNanos = new AtomicLong();

    HashingBacklog(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.threads = threads;
    }

    /** The wait of a hash submitted now, before it starts. */
    Duration expectedWait() {
        long rounds = pending.get() / threads;
        return Duration.ofNanos(rounds * averageNanos.get());
    }

    void added() {
        pending.incrementAndGet();
    }

    /** A hash that will never run (refused, or cancelled before it started). */
    void dropped() {
        pending.decrementAndGet();
    }

    void finished(long tookNanos) {
        pending.decrementAndGet();
        averageNanos.accumulateAndGet(tookNanos, (average, latest) ->
                average == 0 ? latest : Math.round(average * (1 - NEWEST_WEIGHT) + latest * NEWEST_WEIGHT));
    }
}
