package com.caddyshop.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The near cache on a clock of its own: expiry, invalidation, the read that raced one, the size bound. */
class NearCacheTest {
    private static final long TTL = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(42);
    private final NearCache<Long, String> near = new NearCache<>(TTL, 3, clock::get);

    @Test
    void aCopyIsServedForItsTtlAndNotAfter() {
        near.put(1L, "{\"id\":1}", near.stamp(1L));
        clock.addAndGet(TTL - 1);
        assertThat(near.get(1L)).hasValue("{\"id\":1}");
        clock.addAndGet(1);
        assertThat(near.get(1L)).isEmpty();
        assertThat(near.size()).as("an expired copy found is dropped").isZero();
    }

    @Test
    void aChangeThroughThisNodeDropsTheCopyAtOnce() {
        near.put(1L, "{\"id\":1,\"v\":1}", near.stamp(1L));
        near.put(2L, "{\"id\":2}", near.stamp(2L));
        near.invalidate(List.of(1L));
        assertThat(near.get(1L)).isEmpty();
        assertThat(near.get(2L)).hasValue("{\"id\":2}");
    }

    @Test
    void aReadThatRacedAnInvalidationLeavesNothingBehind() {
        long stamp = near.stamp(7L);
        // Redis is read (the old value)... and meanwhile the product changes on this node.
        near.invalidate(List.of(7L));
        near.put(7L, "{\"id\":7,\"v\":\"old\"}", stamp);
        assertThat(near.get(7L)).isEmpty();
        near.put(7L, "{\"id\":7,\"v\":\"new\"}", near.stamp(7L));
        assertThat(near.get(7L)).hasValue("{\"id\":7,\"v\":\"new\"}");
    }

    @Test
    void clearingDropsCopiesAndReadsUnderWay() {
        near.put(1L, "{\"id\":1}", near.stamp(1L));
        long stamp = near.stamp(2L);
        near.clear();
        near.put(2L, "{\"id\":2}", stamp);
        assertThat(near.get(1L)).isEmpty();
        assertThat(near.get(2L)).isEmpty();
    }

    @Test
    void itHoldsNoMoreThanItsBoundAndMakesRoomFromExpiredCopies() {
        for (long id = 1; id <= 5; id++) {
            near.put(id, "{}", near.stamp(id));
        }
        assertThat(near.size()).isEqualTo(3);
        clock.addAndGet(TTL);
        near.put(9L, "{\"id\":9}", near.stamp(9L));
        assertThat(near.get(9L)).as("expired copies made room").hasValue("{\"id\":9}");
        assertThat(near.size()).isEqualTo(1);
    }

    @Test
    void aZeroTtlKeepsNothing() {
        NearCache<Long, String> off = new NearCache<>(0, 10, clock::get);
        off.put(1L, "{}", off.stamp(1L));
        assertThat(off.get(1L)).isEmpty();
    }
}
