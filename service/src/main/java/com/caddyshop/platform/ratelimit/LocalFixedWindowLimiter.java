package com.caddyshop.platform.ratelimit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The per-node stand-in while Redis cannot answer: the same fixed windows, counted in this JVM.
 * Each node then limits on its own, so across N nodes a client may get up to N times the limit;
 * that is looser than the shared limit but never an open door.
 *
 * <p>Memory is bounded: expired windows are swept (at most once a second, by whichever request
 * comes along), and when {@code maxClients} windows are live a new client is counted in one
 * overflow window per budget that all such clients share, rather than not counted at all.
 */
public final class LocalFixedWindowLimiter implements RateLimiter {
    static final String OVERFLOW = "\u0000overflow";
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final AtomicLong nextSweep;

    public LocalFixedWindowLimiter(int maxClients) {
        this(maxClients, System::nanoTime);
    }

    LocalFixedWindowLimiter(int maxClients, LongSupplier nanoTime) {
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
        this.nextSweep = new AtomicLong(nanoTime.getAsLong());
    }

    /** One client's counter. Immutable: each request's {@code compute} installs, and returns, its own count. */
    private record Window(long endsAt, long count) {
    }

    @Override
    public CountedRead consumeAndRead(List<Charge> charges, Supplier<List<String>> readKeys) {
        RateLimitDecision decision = null;
        for (Charge charge : charges) {
            decision = consumeOne(charge.policy(), charge.clientKey()).stricter(decision);
        }
        return CountedRead.withoutRead(decision);
    }

    private RateLimitDecision consumeOne(RateLimit policy, String clientKey) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        String key = policy.name() + ":" + clientKey;
        if (windows.size() >= maxClients && !windows.containsKey(key)) {
            key = policy.name() + ":" + OVERFLOW;
        }
        long windowNanos = policy.window().toNanos();
        Window window = windows.compute(key, (k, current) -> current == null || now - current.endsAt() >= 0
                ? new Window(now + windowNanos, 1)
                : new Window(current.endsAt(), current.count() + 1));
        return RateLimitDecision.of(policy, window.count(), Math.max(0, (window.endsAt() - now) / 1_000_000));
    }

    int trackedClients() {
        return windows.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
            return;
        }
        for (Map.Entry<String, Window> entry : windows.entrySet()) {
            if (now - entry.getValue().endsAt() >= 0) {
                // Conditional: a window renewed since it was read here is kept.
                windows.remove(entry.getKey(), entry.getValue());
            }
        }
    }
}
