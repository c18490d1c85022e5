package com.caddyshop.platform.db;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a whole transaction again when the database aborted it for a reason that a retry cures:
 * TiDB's write conflicts and lock/schema-change aborts (8002, 8005, 8022, 8028, 9007) and deadlocks
 * (1213, both TiDB and MariaDB). The callback must therefore be free of side effects outside the
 * transaction. Backoff is exponential with full jitter, capped, and the number of attempts bounded.
 */
public final class RetryableTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(RetryableTransactions.class);

    /**
     * MySQL/TiDB error codes after which the same transaction may succeed. 8005 is TiDB's write
     * conflict of an optimistic transaction (TiDB no longer retries those itself); 9007 the same
     * conflict reported by TiKV.
     */
    static final Set<Integer> RETRYABLE_ERROR_CODES = Set.of(8002, 8005, 8022, 8028, 9007, 1213);

    private final Jdbi jdbi;
    private final int maxAttempts;
    private final long baseDelayNanos;
    private final long maxDelayNanos;
    private final Counter retries;

    public RetryableTransactions(Jdbi jdbi, MetricRegistry metrics) {
        this(jdbi, metrics, 6, TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(250));
    }

    public RetryableTransactions(Jdbi jdbi, MetricRegistry metrics, int maxAttempts, long baseDelayNanos, long maxDelayNanos) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.jdbi = jdbi;
        this.maxAttempts = maxAttempts;
        this.baseDelayNanos = baseDelayNanos;
        this.maxDelayNanos = maxDelayNanos;
        this.retries = metrics.counter("caddy.db.transaction_retries");
    }

    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
        return inTransaction(TransactionIsolationLevel.REPEATABLE_READ, work);
    }

    /**
     * The whole transaction at {@code isolation}. A level other than the connection's is asked for with
     * the one-shot {@code SET TRANSACTION ISOLATION LEVEL ...} (no GLOBAL or SESSION; MariaDB applies it
     * to the next transaction, TiDB likewise through {@code tx_isolation_one_shot}): one statement, where
     * Jdbi's {@code inTransaction(level, ...)} sets the session's level and restores it, two
     * {@code SET SESSION} statements around every transaction. The connection goes back to the pool at
     * its own level whatever happens. (Only START TRANSACTION follows the SET, and it fails only on a
     * broken connection, so the one-shot level cannot stay behind for another transaction.)
     */
    public <R, X extends Exception> R inTransaction(TransactionIsolationLevel isolation, HandleCallback<R, X> work) throws X {
        return withRetries(() -> jdbi.withHandle(handle -> {
            if (isolation != TransactionIsolationLevel.UNKNOWN && handle.getTransactionIsolationLevel() != isolation) {
                handle.execute("SET TRANSACTION ISOLATION LEVEL " + sqlName(isolation));
            }
            return handle.inTransaction(work);
        }));
    }

    /**
     * Statements in autocommit mode, each its own transaction, run again together when one of them is
     * aborted for a reason a retry cures. For work whose statements need no common snapshot and no lock
     * held from one to the next (a read, then an idempotent write): START TRANSACTION and COMMIT would be
     * two statements more, and on TiDB a round trip each. What went through before the aborted statement
     * stays: the work must be safe to run again from its start.
     */
    public <R, X extends Exception> R inAutocommit(HandleCallback<R, X> work) throws X {
        return withRetries(() -> jdbi.withHandle(work));
    }

    private <R, X extends Exception> R withRetries(Attempt<R, X> attemptOnce) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                return attemptOnce.run();
            } catch (RuntimeException e) {
                Integer code = retryableErrorCode(e);
                if (code == null || attempt >= maxAttempts) {
                    throw e;
                }
                retries.inc();
                long delay = backoffNanos(attempt);
                LOG.info("transaction aborted with error {}, attempt {} of {}, retrying in {} us",
                        code, attempt, maxAttempts, TimeUnit.NANOSECONDS.toMicros(delay));
                pause(delay);
            }
        }
    }

    /** One attempt of the work. */
    @FunctionalInterface
    private interface Attempt<R, X extends Exception> {
        R run() throws X;
    }

    /** The level as SQL spells it. */
    static String sqlName(TransactionIsolationLevel level) {
        return switch (level) {
            case READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case READ_COMMITTED -> "READ COMMITTED";
            case REPEATABLE_READ -> "REPEATABLE READ";
            case SERIALIZABLE -> "SERIALIZABLE";
            default -> throw new IllegalArgumentException("no SQL name for isolation level " + level);
        };
    }

    /** Convenience for callers that already hold no handle and return nothing. */
    public void useTransaction(HandleConsumer work) {
        inTransaction(handle -> {
            work.useHandle(handle);
            return null;
        });
    }

    long backoffNanos(int attempt) {
        long ceiling = Math.min(maxDelayNanos, baseDelayNanos << Math.min(attempt - 1, 20));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    private static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a transaction", interrupted);
        }
    }

    /** The retryable vendor code somewhere in the cause chain, or {@code null}. */
    static Integer retryableErrorCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (RETRYABLE_ERROR_CODES.contains(s.getErrorCode())) {
                        return s.getErrorCode();
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** A transaction body without a result. */
    @FunctionalInterface
    public interface HandleConsumer {
        void useHandle(Handle handle);
    }
}
