package com.caddyshop.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-node fallback limiter, on a clock the test moves. */
class RateLimitLocalTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final RateLimit threePerMinute = new RateLimit("api", 3, Duration.ofMinutes(1));

    @Test
    void limitsWithinAWindowAndStartsAfreshAfterIt() {
        LocalFixedWindowLimiter limiter = new LocalFixedWindowLimiter(100, now::get);
        assertThat(limiter.consume(threePerMinute, "a").remaining()).isEqualTo(2);
        assertThat(limiter.consume(threePerMinute, "a").remaining()).isEqualTo(1);
        RateLimitDecision third = limiter.consume(threePerMinute, "a");
        assertThat(third.allowed()).isTrue();
        assertThat(third.remaining()).isZero();
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        RateLimitDecision fourth = limiter.consume(threePerMinute, "a");
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.resetSeconds()).isEqualTo(40);
        assertThat(limiter.consume(threePerMinute, "b").allowed()).as("another client").isTrue();
        assertThat(limiter.consume(new RateLimit("login", 3, Duration.ofMinutes(1)), "a").allowed())
                .as("another budget").isTrue();

        now.addAndGet(Duration.ofSeconds(40).toNanos());
        RateLimitDecision fresh = limiter.consume(threePerMinute, "a");
        assertThat(fresh.allowed()).isTrue();
        assertThat(fresh.remaining()).isEqualTo(2);
        assertThat(fresh.resetSeconds()).isEqualTo(60);
    }

    @Test
    void memoryIsBoundedAndNewcomersBeyondItShareOneWindow() {
        LocalFixedWindowLimiter limiter = new LocalFixedWindowLimiter(2, now::get);
        limiter.consume(threePerMinute, "a");
        limiter.consume(threePerMinute, "b");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.consume(threePerMinute, "newcomer-" + i).allowed()).isTrue();
        }
        assertThat(limiter.consume(threePerMinute, "yet-another").allowed())
                .as("untracked clients are still limited, together").isFalse();
        assertThat(limiter.trackedClients()).isEqualTo(3);

        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(limiter.consume(threePerMinute, "c").allowed()).isTrue();
        assertThat(limiter.trackedClients()).as("expired windows were swept").isEqualTo(1);
    }

    @Test
    void stricterPrefersRejectionThenFewerRemaining() {
        RateLimitDecision roomy = new RateLimitDecision(true, 10, 9, 60, 1);
        RateLimitDecision tight = new RateLimitDecision(true, 3, 1, 300, 2);
        RateLimitDecision refused = new RateLimitDecision(false, 100, 0, 5, 101);
        assertThat(roomy.stricter(tight)).isEqualTo(tight);
        assertThat(tight.stricter(roomy)).isEqualTo(tight);
        assertThat(tight.stricter(refused)).isEqualTo(refused);
        assertThat(refused.stricter(tight)).isEqualTo(refused);
        assertThat(roomy.stricter(null)).isEqualTo(roomy);
    }
}
