package com.caddyshop.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Redis failing: the local limiter decides, Redis is retried after a pause, never on every request. */
class RateLimitFailoverTest {
    final AtomicLong now = new AtomicLong();
    final AtomicBoolean redisUp = new AtomicBoolean(true);
    final AtomicInteger redisCalls = new AtomicInteger();
    final RateLimit twoPerMinute = new RateLimit("api", 2, Duration.ofMinutes(1));
    final RateLimiter shared = (charges, readKeys) -> {
        redisCalls.incrementAndGet();
        if (!redisUp.get()) {
            throw new JedisConnectionException("connection refused");
        }
        RateLimit policy = charges.get(0).policy();
        return CountedRead.withoutRead(new RateLimitDecision(true, policy.limit(), policy.limit() - 1, 60, 1));
    };

    @Test
    void fallsBackRetriesAfterAPauseAndReturns() {
        MetricRegistry metrics = new MetricRegistry();
        FailoverRateLimiter limiter = new FailoverRateLimiter(shared,
                new LocalFixedWindowLimiter(100, now::get), metrics, now::get);
        assertThat(limiter.consume(twoPerMinute, "a").allowed()).isTrue();
        assertThat(redisCalls.get()).isEqualTo(1);

        redisUp.set(false);
        assertThat(limiter.consume(twoPerMinute, "a").allowed()).isTrue();
        assertThat(limiter.consume(twoPerMinute, "a").allowed()).isTrue();
        assertThat(limiter.consume(twoPerMinute, "a").allowed()).as("local limit holds").isFalse();
        assertThat(redisCalls.get()).as("Redis tried once, then left alone").isEqualTo(2);
        assertThat(metrics.counter("caddy.ratelimit.fallback_decisions").getCount()).isEqualTo(3);

        redisUp.set(true);
        now.addAndGet(FailoverRateLimiter.RETRY_PAUSE_NANOS);
        assertThat(limiter.consume(twoPerMinute, "a").remaining()).as("answered by Redis again").isEqualTo(1);
        assertThat(redisCalls.get()).isEqualTo(3);
    }
}
