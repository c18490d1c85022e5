package com.caddyshop.platform.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The shared Redis budget, reserved a few units at a time. A busy caller's requests on this node
 * then mostly take a unit reserved earlier instead of a round trip each: the reservation is counted
 * in Redis when it is made, so across all nodes no more than the limit is ever let through. The
 * price is on the other side: units a node reserved and its caller then spent elsewhere (another
 * node, or not at all) are lost to the caller for that window, so a caller spread over nodes can be
 * refused a little before its limit. To keep that small, a node reserves at most 1/16 of what is
 * left of the budget ({@link #MAX_CHUNK} at most), and exactly one unit at a time near the limit and
 * for small budgets (a budget of up to 32 per window is counted exactly as one round trip per
 * request would count it).
 * A caller's first request of a window always goes to Redis, and so does a refused one: refusals
 * are never remembered here, so an operator who deletes a caller's counter frees it at once.
 * {@code X-RateLimit-Remaining} counts the units this node still holds as available.
 */
public final class LeasingRateLimiter implements RateLimiter {
    /** Units reserved at once at most: one round trip per 64 requests of a flooding caller. */
    static final int MAX_CHUNK = 64;
    /** Share of the budget left that one reservation may take. */
    static final int CHUNK_DIVISOR = 16;
    /** Callers with units held on this node at most; beyond, callers are counted a unit at a time. */
    static final int MAX_LEASES = 100_000;
    private static final long PURGE_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RedisFixedWindowLimiter redis;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
    private final AtomicLong nextPurge;

    public LeasingRateLimiter(RedisFixedWindowLimiter redis) {
        this(redis, System::nanoTime);
    }

    LeasingRateLimiter(RedisFixedWindowLimiter redis, LongSupplier nanoTime) {
        this.redis = redis;
        this.nanoTime = nanoTime;
        this.nextPurge = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Each charge takes a unit its lease holds if it can; the charges that cannot are reserved in
     * Redis together, in one round trip that also reads {@code readKeys}. A request served wholly
     * from held units reads nothing along: the caller reads what it needs itself.
     */
    @Override
    public CountedRead consumeAndRead(List<Charge> charges, Supplier<List<String>> readKeys) {
        long now = nanoTime.getAsLong();
        RateLimitDecision decision = null;
        List<Pending> pending = null;
        for (Charge charge : charges) {
            String leaseKey = charge.policy().name() + '\n' + charge.clientKey();
            Lease lease = leases.get(leaseKey);
            int units = 1;
            if (lease != null) {
                RateLimitDecision taken = lease.take(charge.policy(), now);
                if (taken != null) {
                    decision = taken.stricter(decision);
                    continue;
                }
                units = lease.nextChunk(charge.policy(), now);
            }
            if (pending == null) {
                pending = new ArrayList<>(charges.size());
            }
            pending.add(new Pending(charge, leaseKey, lease, units));
        }
        if (pending == null) {
            return CountedRead.withoutRead(decision);
        }
        List<Charge> reservedCharges = new ArrayList<>(pending.size());
        int[] units = new int[pending.size()];
        for (int i = 0; i < pending.size(); i++) {
            reservedCharges.add(pending.get(i).charge());
            units[i] = pending.get(i).units();
        }
        RedisFixedWindowLimiter.Reserved reserved = redis.reserve(reservedCharges, units, readKeys.get());
        for (int i = 0; i < pending.size(); i++) {
            decision = settle(pending.get(i), reserved.counters().get(i), now).stricter(decision);
        }
        return new CountedRead(decision, reserved.fetches());
    }

    /** The decision for one charge reserved in Redis; the units granted beyond this request are held here. */
    private RateLimitDecision settle(Pending pending, RedisFixedWindowLimiter.Reservation reserved, long now) {
        RateLimit policy = pending.charge().policy();
        long firstUnit = reserved.count() - pending.units() + 1;
        int granted = (int) Math.max(0, Math.min(pending.units(), policy.limit() - firstUnit + 1));
        if (granted == 0) {
            return RateLimitDecision.of(policy, reserved.count(), reserved.millisToReset());
        }
        long windowEnd = now + TimeUnit.MILLISECONDS.toNanos(reserved.millisToReset());
        int left = granted - 1;
        keep(pending.leaseKey(), pending.lease(), windowEnd, reserved.count(), left, now);
        return RateLimitDecision.onHeldUnit(policy, reserved.count(), left, reserved.millisToReset());
    }

    /** A charge its lease could not serve: {@code units} to reserve; {@code lease} is null when there is none yet. */
    private record Pending(Charge charge, String leaseKey, Lease lease, int units) {
    }

    private void keep(String leaseKey, Lease lease, long windowEnd, long count, int left, long now) {
        if (lease != null) {
            lease.refill(now, windowEnd, count, left);
            return;
        }
        if (leases.size() >= MAX_LEASES && !purgeExpired(now)) {
            return;
        }
        leases.computeIfAbsent(leaseKey, key -> new Lease()).refill(now, windowEnd, count, left);
    }

    /** Drops leases whose window ended, at most once a second; true when there is room afterwards. */
    private boolean purgeExpired(long now) {
        long due = nextPurge.get();
        if (now - due >= 0 && nextPurge.compareAndSet(due, now + PURGE_PAUSE_NANOS)) {
            leases.values().removeIf(lease -> lease.expired(now));
        }
        return leases.size() < MAX_LEASES;
    }

    /** Units of one caller's budget held by this node for the current window. */
    private static final class Lease {
        private boolean started;
        private long windowEnd;
        /** The shared counter after this node's last reservation. */
        private long count;
        private int units;

        synchronized RateLimitDecision take(RateLimit policy, long now) {
            if (units == 0 || now - windowEnd >= 0) {
                return null;
            }
            units--;
            long millisToReset = (windowEnd - now + 999_999) / 1_000_000;
            return RateLimitDecision.onHeldUnit(policy, count, units, millisToReset);
        }

        /** What to reserve next: a share of what the budget had left, 1 in a new window. */
        synchronized int nextChunk(RateLimit policy, long now) {
            if (now - windowEnd >= 0) {
                return 1;
            }
            long left = policy.limit() - count;
            return (int) Math.max(1, Math.min(MAX_CHUNK, left / CHUNK_DIVISOR));
        }

        /** Adds reserved units; those still held from a window that has ended are void. */
        synchronized void refill(long now, long windowEnd, long count, int units) {
            if (!started || now - this.windowEnd >= 0) {
                started = true;
                this.windowEnd = windowEnd;
                this.count = count;
                this.units = 0;
            } else {
                this.count = Math.max(this.count, count);
            }
            this.units += units;
        }

        synchronized boolean expired(long now) {
            return now - windowEnd >= 0;
        }
    }
}
