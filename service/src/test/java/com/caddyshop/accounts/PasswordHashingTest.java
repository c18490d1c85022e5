package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.platform.errors.ApiException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** bcrypt on its bounded pool: correct answers, and a prompt 503 when the pool is full. */
class PasswordHashingTest {
    final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
            new ThreadPoolExecutor.AbortPolicy());
    final PasswordHashing hashing = new PasswordHashing(new PasswordHasher(4), pool, 1, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Keeps the pool's one thread busy until the returned latch is counted down. */
    private CountDownLatch occupyTheOnlyThread() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();
        return release;
    }

    @Test
    void hashesAndVerifies() {
        String hash = hashing.hash("correct horse");
        assertThat(hash).startsWith("$2a$04$");
        assertThat(hashing.matches("correct horse", hash)).isTrue();
        assertThat(hashing.matches("wrong horse", hash)).isFalse();
        assertThat(hashing.matches("correct horse", "!not-a-bcrypt-hash")).isFalse();
        assertThat(hashing.matches("x".repeat(73), hash)).isFalse();
        hashing.matchNothing("anything");
    }

    @Test
    void aFullPoolRefusesAtOnceWith503() throws Exception {
        CountDownLatch release = occupyTheOnlyThread();
        pool.execute(() -> { });
        try {
            assertThatThrownBy(() -> hashing.hash("correct horse"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.retryAfterSeconds()).isPositive();
                    });
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRefusalSaysWhenToRetryFromTheWorkAhead() throws Exception {
        CountDownLatch release = occupyTheOnlyThread();
        pool.execute(() -> { });
        HashingBacklog backlog = new HashingBacklog(1);
        backlog.added();
        backlog.finished(Duration.ofSeconds(3).toNanos());
        backlog.added();
        backlog.added();
        PasswordHashing full = new PasswordHashing(new PasswordHasher(4), pool, backlog, Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> full.hash("correct horse"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.retryAfterSeconds()).as("two hashes of 3 s ahead").isEqualTo(6);
                    });
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAbandonedHashLeavesTheBacklog() throws Exception {
        CountDownLatch release = occupyTheOnlyThread();
        HashingBacklog backlog = new HashingBacklog(1);
        PasswordHashing impatient = new PasswordHashing(new PasswordHasher(4), pool, backlog, Duration.ofMillis(50));
        try {
            assertThatThrownBy(() -> impatient.hash("correct horse"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
            backlog.added();
            backlog.finished(Duration.ofSeconds(1).toNanos());
            assertThat(backlog.expectedWait()).as("the timed-out hash no longer counts as ahead").isZero();
        } finally {
            release.countDown();
        }
    }
}
