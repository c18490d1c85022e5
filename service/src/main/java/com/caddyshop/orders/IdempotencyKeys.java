package com.caddyshop.orders;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The Idempotency-Key rules for checkout. A key belongs to one user and is remembered for
 * {@link #TTL}. Only successful checkouts are remembered: a failed one rolls back with everything
 * else, so after a 409 the same key may be retried once the cart or stock allows it.
 */
final class IdempotencyKeys {
    static final String HEADER = "Idempotency-Key";
    static final Duration TTL = Duration.ofHours(24);
    /** MySQL/MariaDB/TiDB "Duplicate entry for key". */
    private static final int DUPLICATE_KEY = 1062;

    private final Jdbi jdbi;
    private final Clock clock;

    IdempotencyKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * The first response if this key already answered the same request; 422 if it answered another
     * one. An expired key is forgotten (with the user's other expired keys) and reads as unused.
     * Checkout asks only after {@link #claim} found the key taken: a new key, the common case, costs
     * no read.
     */
    Optional<CheckoutResult> replay(long userId, String key, String requestHash) {
        Optional<IdempotencyRecord> stored = jdbi.withExtension(IdempotencyDao.class, dao -> dao.find(userId, key));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyRecord record = stored.get();
        LocalDateTime now = now();
        if (!record.expiresAt().isAfter(now)) {
            jdbi.useExtension(IdempotencyDao.class, dao -> dao.deleteExpired(userId, now));
            return Optional.empty();
        }
        if (!record.requestHash().equals(requestHash)) {
            throw ApiException.unprocessable("This Idempotency-Key was already used for a different request",
                    List.of(new FieldProblem("header " + HEADER, "already used with a different request body")));
        }
        long orderId = record.resourceId() == null ? 0 : record.resourceId();
        return Optional.of(new CheckoutResult(record.responseStatus(), record.responseBody(), orderId, true));
    }

    /**
     * Takes the key inside the checkout transaction, before anything else is locked: a concurrent
     * request with the same key blocks here until the first commits, then fails with a duplicate key.
     */
    void claim(Handle tx, long userId, String key, String requestHash) {
        tx.attach(IdempotencyDao.class).claim(userId, key, requestHash, now().plus(TTL));
    }

    void complete(Handle tx, long userId, String key, CheckoutResult result) {
        tx.attach(IdempotencyDao.class).complete(userId, key, result.status(), result.body(), result.orderId());
    }

    static boolean isDuplicateKey(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
