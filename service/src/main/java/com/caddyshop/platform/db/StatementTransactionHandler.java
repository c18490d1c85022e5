package com.caddyshop.platform.db;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Transactions demarcated by statements ({@code START TRANSACTION}, {@code COMMIT}, {@code ROLLBACK})
 * on a connection that stays in autocommit mode. Jdbi's default handler turns autocommit off before a
 * transaction and on again after it, and Connector/J sends each switch as a statement of its own
 * ({@code SET autocommit=0}, {@code SET autocommit=1}): three statements around every transaction where
 * two say the same (issue 15 counted 4.8 {@code SET} per order placed). Both TiDB and MariaDB start the
 * same transaction either way (TiDB in its configured pessimistic or optimistic mode).
 *
 * <p>Jdbi asks for one handler per handle ({@link #specialize}), so the state here is one handle's. The
 * pool hands out connections in autocommit mode (its default); nothing in the service switches it.
 * Savepoints are statements too ({@code SAVEPOINT}, {@code ROLLBACK TO SAVEPOINT}, {@code RELEASE
 * SAVEPOINT}; MariaDB and TiDB 7.5 both have them), inside a transaction only.
 */
public final class StatementTransactionHandler implements TransactionHandler {
    private static final Pattern SAVEPOINT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private boolean inTransaction;

    @Override
    public TransactionHandler specialize(Handle handle) {
        return new StatementTransactionHandler();
    }

    @Override
    public void begin(Handle handle) {
        if (!inTransaction) {
            run(handle, "START TRANSACTION", "Failed to start transaction");
            inTransaction = true;
        }
    }

    @Override
    public void commit(Handle handle) {
        if (!inTransaction) {
            return;
        }
        try {
            run(handle, "COMMIT", "Failed to commit transaction");
            inTransaction = false;
        } catch (TransactionException e) {
            rollbackAfter(handle, e);
            throw e;
        }
    }

    @Override
    public void rollback(Handle handle) {
        if (!inTransaction) {
            return;
        }
        try {
            run(handle, "ROLLBACK", "Failed to rollback transaction");
        } finally {
            inTransaction = false;
        }
    }

    @Override
    public boolean isInTransaction(Handle handle) {
        return inTransaction;
    }

    @Override
    public void savepoint(Handle handle, String name) {
        run(handle, "SAVEPOINT " + savepointName(name), "Failed to create savepoint " + name);
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name) {
        run(handle, "ROLLBACK TO SAVEPOINT " + savepointName(name), "Failed to rollback to savepoint " + name);
    }

    @Override
    public void releaseSavepoint(Handle handle, String name) {
        run(handle, "RELEASE SAVEPOINT " + savepointName(name), "Failed to release savepoint " + name);
    }

    /** The name goes into the statement as it is, so it must be a plain identifier. */
    private String savepointName(String name) {
        if (!inTransaction) {
            throw new TransactionException("Savepoint " + name + " outside a transaction");
        }
        if (name == null || !SAVEPOINT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A savepoint name is letters, digits and _: " + name);
        }
        return name;
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        if (inTransaction) {
            throw new IllegalStateException("Already in transaction");
        }
        begin(handle);
        try {
            R result = callback.withHandle(handle);
            commit(handle);
            return result;
        } catch (Throwable e) {
            rollbackAfter(handle, e);
            throw e;
        }
    }

    /** Ends a transaction that {@code failure} interrupted; a failing rollback is told beside it. */
    private void rollbackAfter(Handle handle, Throwable failure) {
        try {
            rollback(handle);
        } catch (RuntimeException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
    }

    /** The isolation level is set only when it differs (Connector/J sends nothing for the level it already has). */
    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback)
            throws X {
        TransactionIsolationLevel initial = handle.getTransactionIsolationLevel();
        if (initial == level) {
            return inTransaction(handle, callback);
        }
        try {
            handle.setTransactionIsolationLevel(level);
            return inTransaction(handle, callback);
        } finally {
            handle.setTransactionIsolationLevel(initial);
        }
    }

    private static void run(Handle handle, String sql, String failure) {
        try (Statement statement = handle.getConnection().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new TransactionException(failure, e);
        }
    }
}
