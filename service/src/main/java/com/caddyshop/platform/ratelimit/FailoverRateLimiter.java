package com.caddyshop.platform.ratelimit;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared limiter while Redis answers, the per-node one while it does not. After a Redis
 * failure the node stays on the local limiter for a short pause before trying Redis again, so an
 * outage costs one failed attempt per pause instead of a connect timeout on every request.
 * Every decision taken locally is counted ({@code caddy.ratelimit.fallback_decisions}).
 */
public final class FailoverRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverRateLimiter.class);
    static final long RETRY_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RateLimiter shared;
    private final RateLimiter local;
    private final LongSupplier nanoTime;
    private final Counter fallbackDecisions;
    private final AtomicLong sharedRetryAt;
    private final AtomicBoolean onFallback = new AtomicBoolean();

    public FailoverRateLimiter(RateLimiter shared, RateLimiter local, MetricRegistry metrics) {
        this(shared, local, metrics, System::nanoTime);
    }

    FailoverRateLimiter(RateLimiter shared, RateLimiter local, MetricRegistry metrics, LongSupplier nanoTime) {
        this.shared = shared;
        this.local = local;
        this.nanoTime = nanoTime;
        this.fallbackDecisions = metrics.counter("caddy.ratelimit.fallback_decisions");
        this.sharedRetryAt = new AtomicLong(nanoTime.getAsLong());
    }

    /** On the local fallback nothing is read along: the caller reads (or skips) Redis itself. */
    @Override
    public CountedRead consumeAndRead(List<Charge> charges, Supplier<List<String>> readKeys) {
        long now = nanoTime.getAsLong();
        if (now - sharedRetryAt.get() >= 0) {
            try {
                CountedRead counted = shared.consumeAndRead(charges, readKeys);
                if (onFallback.compareAndSet(true, false)) {
                    LOG.info("rate limiting is shared through Redis again");
                }
                return counted;
            } catch (RuntimeException e) {
                sharedRetryAt.set(now + RETRY_PAUSE_NANOS);
                if (onFallback.compareAndSet(false, true)) {
                    LOG.warn("Redis cannot count requests ({}); limiting on this node alone until it can", e.toString());
                }
            }
        }
        fallbackDecisions.inc();
        return local.consumeAndRead(charges, List::of);
    }
}
