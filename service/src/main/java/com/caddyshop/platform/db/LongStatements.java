package com.caddyshop.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * For admin tasks whose statements may rightly run longer than any request should (a scan of the whole
 * ledger, a partition change): their statements and their connection's socket carry a bound of their
 * own, so the request bounds of {@link SessionLimits} do not cut them short, and the pooled connection
 * goes back to the pool with the request bounds it had.
 */
public final class LongStatements {
    private final Jdbi jdbi;
    private final Duration bound;

    public LongStatements(Jdbi jdbi, Duration bound) {
        this.jdbi = jdbi;
        this.bound = bound;
    }

    /** Runs {@code work} on a handle whose socket timeout allows this bound; statements use {@link #sql}. */
    public <R> R withHandle(HandleCallback<R, RuntimeException> work) {
        return jdbi.withHandle(handle -> {
            Connection connection = handle.getConnection();
            int requestBound = networkTimeout(connection);
            setNetworkTimeout(connection, (int) bound.plus(SessionLimits.SOCKET_MARGIN).toMillis());
            try {
                return work.withHandle(handle);
            } finally {
                setNetworkTimeout(connection, requestBound);
            }
        });
    }

    /**
     * {@code sql} with this bound instead of the session's: MariaDB's {@code SET STATEMENT} and, for a
     * SELECT, the {@code MAX_EXECUTION_TIME} hint TiDB reads (TiDB bounds nothing else by time).
     */
    public String sql(String sql) {
        return allowing(bound, sql);
    }

    static String allowing(Duration bound, String sql) {
        String statement = sql.strip();
        if (statement.regionMatches(true, 0, "SELECT ", 0, 7)) {
            statement = statement.substring(0, 7) + "/*+ MAX_EXECUTION_TIME(" + bound.toMillis() + ") */ "
                    + statement.substring(7);
        }
        return "/*M! SET STATEMENT max_statement_time = " + SessionLimits.seconds(bound) + " FOR */ " + statement;
    }

    private static int networkTimeout(Connection connection) {
        try {
            return connection.getNetworkTimeout();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the connection's socket timeout", e);
        }
    }

    /** Connector/J applies the timeout on the calling thread when given a direct executor. */
    private static void setNetworkTimeout(Connection connection, int millis) {
        try {
            connection.setNetworkTimeout(Runnable::run, millis);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the connection's socket timeout", e);
        }
    }
}
