package com.caddyshop.accounts;

import com.caddyshop.platform.errors.ApiException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * bcrypt on a small pool of its own (a few threads, a short queue), so the CPU it burns is bounded
 * however many logins arrive: request threads wait for their hash instead of computing it, the
 * catalog keeps its cores, and when the queue is full a login is refused at once with 503 rather
 * than piling up behind it.
 */
public final class PasswordHashing {
    static final String BUSY = "The service is busy; retry shortly";

    private final PasswordHasher hasher;
    private final ExecutorService executor;
    private final Duration timeout;
    /** A real hash of a random password, verified when the account does not exist so timing tells nothing. */
    private final String decoyHash;

    public PasswordHashing(PasswordHasher hasher, ExecutorService executor, Duration timeout) {
        this.hasher = hasher;
        this.executor = executor;
        this.timeout = timeout;
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
        Future<T> future;
        try {
            future = executor.submit(work);
        } catch (RejectedExecutionException saturated) {
            throw new ApiException(503, BUSY);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            future.cancel(true);
            throw new ApiException(503, BUSY);
        } catch (InterruptedException interrupted) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiException(503, BUSY);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("password hashing failed", cause);
        }
    }
}
