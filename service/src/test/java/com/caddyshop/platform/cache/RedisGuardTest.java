package com.caddyshop.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

class RedisGuardTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Counter errors = new Counter();
    private final RedisGuard guard = new RedisGuard("test cache", Duration.ofSeconds(1), now::get, errors);
    private final AtomicInteger calls = new AtomicInteger();

    private String failing() {
        calls.incrementAndGet();
        throw new JedisConnectionException("connection refused");
    }

    @Test
    void afterAFailureReadsSkipRedisForThePauseThenTryAgain() {
        assertThat(guard.read(() -> "v")).isEqualTo("v");
        assertThat(guard.read(this::failing)).isNull();
        assertThat(errors.getCount()).isEqualTo(1);
        assertThat(guard.paused()).isTrue();

        assertThat(guard.read(this::failing)).isNull();
        assertThat(calls).as("skipped while paused").hasValue(1);

        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(guard.paused()).isFalse();
        assertThat(guard.read(() -> "back")).isEqualTo("back");
        assertThat(guard.paused()).isFalse();
    }

    @Test
    void writesAreAttemptedEvenWhilePaused() {
        guard.read(this::failing);
        AtomicInteger writes = new AtomicInteger();
        assertThat(guard.write(writes::incrementAndGet)).isTrue();
        assertThat(writes).hasValue(1);
        assertThat(guard.paused()).as("a success ends the outage").isFalse();
        assertThat(guard.write(() -> failing())).isFalse();
        assertThat(errors.getCount()).isEqualTo(2);
    }
}
