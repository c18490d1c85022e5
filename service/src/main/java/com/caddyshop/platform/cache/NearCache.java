package com.caddyshop.platform.cache;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Entries this node read from Redis a moment ago (the catalog's product JSON and list pages), kept
 * in the heap for {@code ttl}: a popular one is then answered without a Redis round trip at all. A
 * change made through this node drops the copy at once ({@link #invalidate}, {@link #clear}); a
 * change made through another node is seen here at most {@code ttl} late, so only data that may be
 * that stale belongs here (a product page's stock figure is advisory: checkout takes stock under a
 * row lock and never from a cache).
 *
 * <p>A read that raced an invalidation must not leave the old value behind: each copy is stamped
 * with its key's invalidation count before the Redis read, and is dropped when that count moved
 * while the read was under way.
 */
public final class NearCache<K, V> {
    private static final int STRIPES = 64;
    private static final long PURGE_PAUSE_NANOS = 1_000_000_000L;

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<K, Copy<V>> copies = new ConcurrentHashMap<>();
    private final AtomicLongArray invalidations = new AtomicLongArray(STRIPES);
    private final AtomicLong nextPurge;

    /** {@code ttlNanos} 0 turns the near cache off. */
    public NearCache(long ttlNanos, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.nextPurge = new AtomicLong(nanoTime.getAsLong());
    }

    private record Copy<V>(V value, long expiresAt) {
    }

    public Optional<V> get(K key) {
        Copy<V> copy = copies.get(key);
        if (copy == null) {
            return Optional.empty();
        }
        if (nanoTime.getAsLong() - copy.expiresAt() >= 0) {
            copies.remove(key, copy);
            return Optional.empty();
        }
        return Optional.of(copy.value());
    }

    /** Take before reading Redis; hand to {@link #put} with what was read. */
    public long stamp(K key) {
        return invalidations.get(stripe(key));
    }

    public void put(K key, V value, long stamp) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (copies.size() >= maxEntries && !purgeExpired(now)) {
            return;
        }
        copies.put(key, new Copy<>(value, now + ttlNanos));
        // Checked after the put: an invalidation either moved the count before this check (the copy
        // goes now) or comes after the put (and removes the copy itself).
        if (invalidations.get(stripe(key)) != stamp) {
            copies.remove(key);
        }
    }

    public void invalidate(Collection<K> keys) {
        for (K key : keys) {
            invalidations.incrementAndGet(stripe(key));
            copies.remove(key);
        }
    }

    public void clear() {
        for (int i = 0; i < STRIPES; i++) {
            invalidations.incrementAndGet(i);
        }
        copies.clear();
    }

    int size() {
        return copies.size();
    }

    /** Drops expired copies, at most once a second; true when there is room afterwards. */
    private boolean purgeExpired(long now) {
        long due = nextPurge.get();
        if (now - due >= 0 && nextPurge.compareAndSet(due, now + PURGE_PAUSE_NANOS)) {
            copies.values().removeIf(copy -> now - copy.expiresAt() >= 0);
        }
        return copies.size() < maxEntries;
    }

    private static int stripe(Object key) {
        return key.hashCode() & (STRIPES - 1);
    }
}
