package com.caddyshop.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * For admin tasks whose statements may rightly run longer than any request should (a scan of the whole
 * ledger, a partition change): one pooled connection is put under a longer statement bound and socket
 * timeout for the task, then back under the request bounds before it returns to the pool. (MariaDB
 * ignores a per-statement {@code SET STATEMENT max_statement_time} in prepared statements, which is
 * how the driver sends every statement, so the session's value is what counts.) A connection whose
 * bounds cannot be restored is aborted rather than handed to a request.
 */
public final class LongStatements {
    private final Jdbi jdbi;
    private final SessionLimits request;
    private final SessionLimits task;

    public LongStatements(Jdbi jdbi, SessionLimits request, Duration bound) {
        this.jdbi = jdbi;
        this.request = request;
        this.task = request.withStatementTimeout(bound);
    }

    public <R> R withHandle(HandleCallback<R, RuntimeException> work) {
        return jdbi.withHandle(handle -> {
            Connection connection = handle.getConnection();
            put(handle, connection, task);
            R result;
            try {
                result = work.withHandle(handle);
            } catch (RuntimeException | Error failure) {
                try {
                    restore(handle, connection);
                } catch (RuntimeException restoring) {
                    failure.addSuppressed(restoring);
                }
                throw failure;
            }
            restore(handle, connection);
            return result;
        });
    }

    private void restore(Handle handle, Connection connection) {
        try {
            put(handle, connection, request);
        } catch (RuntimeException e) {
            abort(connection);
            throw e;
        }
    }

    private static void put(Handle handle, Connection connection, SessionLimits limits) {
        handle.execute(limits.initSql());
        try {
            // Connector/J applies the timeout on the calling thread when given a direct executor.
            connection.setNetworkTimeout(Runnable::run, (int) limits.socketTimeout().toMillis());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the connection's socket timeout", e);
        }
    }

    /** The pool validates a connection before lending it: an aborted one is replaced, never lent. */
    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // It is unusable either way.
        }
    }
}
