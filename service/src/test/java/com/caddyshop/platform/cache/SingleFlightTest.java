package com.caddyshop.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One computation per key at a time, its result or failure shared by everyone who asked meanwhile. */
class SingleFlightTest {
    private final SingleFlight<String, String> flights = new SingleFlight<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final AtomicInteger computed = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private String slowly(String value) {
        computed.incrementAndGet();
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return value;
    }

    @Test
    void concurrentCallersOfOneKeyShareOneComputation() throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        answers.add(pool.submit(() -> flights.get("page", () -> slowly("rows"))));
        Await.until("the first computation to start", Duration.ofSeconds(10), () -> computed.get() == 1);
        for (int i = 0; i < 5; i++) {
            answers.add(pool.submit(() -> flights.get("page", () -> slowly("other rows"))));
        }
        Await.until("the five to wait for it", Duration.ofSeconds(10), () -> flights.waitingFor("page") == 5);
        Future<String> otherKey = pool.submit(() -> flights.get("other page", () -> "its own rows"));
        assertThat(otherKey.get(10, TimeUnit.SECONDS)).isEqualTo("its own rows");
        release.countDown();
        for (Future<String> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("rows");
        }
        assertThat(computed.get()).as("one computation for the six callers of 'page'").isEqualTo(1);
        assertThat(flights.running()).isZero();
        assertThat(flights.get("page", () -> "fresh")).as("a later call computes again").isEqualTo("fresh");
    }

    @Test
    void aFailureReachesEveryoneWhoWaitedAndIsNotKept() throws Exception {
        Future<String> first = pool.submit(() -> flights.get("page", () -> {
            slowly("ignored");
            throw new IllegalArgumentException("no such category");
        }));
        Await.until("the computation to start", Duration.ofSeconds(10), () -> computed.get() == 1);
        Future<String> waiting = pool.submit(() -> flights.get("page", () -> "not computed"));
        Await.until("the second caller to wait", Duration.ofSeconds(10), () -> flights.waitingFor("page") == 1);
        release.countDown();
        for (Future<String> answer : List.of(first, waiting)) {
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no such category");
        }
        assertThat(flights.get("page", () -> "after the failure")).isEqualTo("after the failure");
    }
}
