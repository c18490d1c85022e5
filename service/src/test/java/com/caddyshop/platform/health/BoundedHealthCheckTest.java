package com.caddyshop.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedHealthCheckTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void shutdown() {
        release.countDown();
        executor.shutdownNow();
    }

    /** A check that hangs until the test releases it, counting how often it was started. */
    private HealthCheck hanging(AtomicInteger starts) {
        return new HealthCheck() {
            @Override
            protected Result check() throws Exception {
                starts.incrementAndGet();
                release.await(30, TimeUnit.SECONDS);
                return Result.healthy();
            }
        };
    }

    @Test
    void aHangingCheckIsUnhealthyAfterTheTimeout() {
        AtomicInteger starts = new AtomicInteger();
        BoundedHealthCheck check = new BoundedHealthCheck("db", hanging(starts), executor, Duration.ofMillis(100));

        BoundedHealthCheck.Probe probe = check.probe();

        assertThat(probe.healthy()).isFalse();
        assertThat(probe.result().getMessage()).isEqualTo("no answer within 100 ms");
    }

    @Test
    void concurrentCallersShareOneProbeInFlight() {
        AtomicInteger starts = new AtomicInteger();
        BoundedHealthCheck check = new BoundedHealthCheck("db", hanging(starts), executor, Duration.ofMillis(200));

        CompletableFuture<?>[] callers = new CompletableFuture<?>[10];
        for (int i = 0; i < callers.length; i++) {
            callers[i] = CompletableFuture.supplyAsync(check::probe);
        }
        CompletableFuture.allOf(callers).join();

        assertThat(starts.get()).as("one probe thread however many callers").isEqualTo(1);
    }

    @Test
    void aFailingCheckIsUnhealthyAndAHealthyOneHealthy() {
        BoundedHealthCheck failing = new BoundedHealthCheck("x", new HealthCheck() {
            @Override
            protected Result check() {
                throw new IllegalStateException("boom");
            }
        }, executor, Duration.ofSeconds(5));
        BoundedHealthCheck fine = new BoundedHealthCheck("y", new HealthCheck() {
            @Override
            protected Result check() {
                return Result.healthy();
            }
        }, executor, Duration.ofSeconds(5));

        assertThat(failing.probe().healthy()).isFalse();
        assertThat(fine.probe().healthy()).isTrue();
        assertThat(fine.latest(Duration.ofMinutes(1)).healthy()).isTrue();
    }
}
