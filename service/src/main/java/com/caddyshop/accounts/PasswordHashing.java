package com.caddyshop.accounts;

import com.caddyshop.platform.errors.ApiException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * bcrypt on a small pool of its own (a few threads, a short queue), so the CPU it burns is bounded
 * however many logins arrive: request threads wait for their hash instead of computing it, the
 * catalog keeps its cores, and when the queue is full a login is refused at once with 503 rather
 * than piling up behind it. A login that waits out its timeout gets 503 too; both carry a
 * {@code Retry-After} of about the time the pool needs for the hashes ahead.
 *
 * <p>Measured (bench, login storm of 32 connections on 2 cores): refusing at once every login whose
 * expected wait exceeds the timeout made clients that ignore {@code Retry-After} come back at once,
 * about 1,000 cheap-but-not-free logins a second, and the catalog lost 70% of its throughput. Held
 * requests cost a parked thread each and no CPU, so a login waits for its turn up to the timeout.
 */
public final class PasswordHashing {
    static final String BUSY = "The service is busy; retry shortly";
    private static final long MAX_RETRY_AFTER_SECONDS = 60;

    private final PasswordHasher hasher;
    private final ExecutorService executor;
    private final Duration timeout;
    private final HashingBacklog backlog;
    /** A real hash of a random password, verified when the account does not exist so timing tells nothing. */
    private final String decoyHash;

    /** {@code threads}: how many threads {@code executor} runs hashes on, for the expected wait. */
    public PasswordHashing(PasswordHasher hasher, ExecutorService executor, int threads, Duration timeout) {
        this(hasher, executor, new HashingBacklog(threads), timeout);
    }

    PasswordHashing(PasswordHasher hasher, ExecutorService executor, HashingBacklog backlog, Duration timeout) {
        this.hasher = hasher;
        this.executor = executor;
        this.timeout = timeout;
        this.backlog = backlog;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.decoyHash = hasher.hash(Base64.getEncoder().encodeToString(random));
    }

    public String hash(String password) {
        return run(() -> hasher.hash(password));
    }

    public boolean matches(String password, String hash) {
        return run(() -> {
            try {
                return hasher.matches(password, hash);
            } catch (IllegalArgumentException notBcrypt) {
                // An account whose stored value is no bcrypt hash cannot log in with a password.
                return false;
            }
        });
    }

    /** The same work as a real check, for a login whose account does not exist. */
    public void matchNothing(String password) {
        matches(password, decoyHash);
    }

    private <T> T run(Callable<T> work) {
        Hash<T> hash = new Hash<>(work, backlog);
        backlog.added();
        Future<T> future;
        try {
            future = executor.submit(hash);
        } catch (RejectedExecutionException saturated) {
            backlog.dropped();
            throw busy(backlog.expectedWait());
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            hash.abandon(future);
            throw busy(backlog.expectedWait());
        } catch (InterruptedException interrupted) {
            hash.abandon(future);
            Thread.currentThread().interrupt();
            throw busy(backlog.expectedWait());
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("password hashing failed", cause);
        }
    }

    /** 503 with a Retry-After of about the time the pool needs to work off what is ahead. */
    private static ApiException busy(Duration wait) {
        return ApiException.busy(BUSY, Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, wait.toSeconds())));
    }

    /** One hash on the pool, accounted in the backlog exactly once: when it ran, or when it was given up unstarted. */
    private static final class Hash<T> implements Callable<T> {
        private final Callable<T> work;
        private final HashingBacklog backlog;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Hash(Callable<T> work, HashingBacklog backlog) {
            this.work = work;
            this.backlog = backlog;
        }

        @Override
        public T call() throws Exception {
            if (!claimed.compareAndSet(false, true)) {
                throw new CancellationException("abandoned before it started");
            }
            long start = System.nanoTime();
            try {
                return work.call();
            } finally {
                backlog.finished(System.nanoTime() - start);
            }
        }

        /** The caller stopped waiting; a hash already running finishes (bcrypt cannot be interrupted) and is counted then. */
        void abandon(Future<T> future) {
            future.cancel(true);
            if (claimed.compareAndSet(false, true)) {
                backlog.dropped();
            }
        }
    }
}
