package com.caddyshop.platform.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;

/**
 * A database failure that says nothing about the request and everything about the database's state
 * at that moment: the same request may well succeed a little later, so the client is told 503 and
 * when to come back, never 500. Everything else (a constraint, a bad statement) is not trouble of
 * this kind and stays an unexpected error.
 */
public enum DatabaseTrouble {
    /** Up but saturated: no free pooled connection, a lock or statement bound reached, contention. */
    BUSY(1, "The database is busy; retry shortly"),
    /** Not answering: connection refused, reset or lost, server shutting down, TiDB's PD/TiKV out of reach. */
    UNREACHABLE(5, "The database is unavailable; retry shortly");

    /**
     * 1205 lock wait timeout; 1969 MariaDB's max_statement_time; 3024 (and 1907, MySQL 5.7.4-7) the
     * max_execution_time of MySQL and TiDB; 1317 a statement interrupted; 1040 too many connections;
     * 9003 TiKV server busy; 9004 TiDB resolve-lock timeout; and what {@link RetryableTransactions}
     * retries, when the retries ran out.
     */
    private static final Set<Integer> BUSY_CODES = Stream.concat(Stream.of(1205, 1969, 3024, 1907, 1317, 1040, 9003, 9004),
            RetryableTransactions.RETRYABLE_ERROR_CODES.stream()).collect(Collectors.toUnmodifiableSet());
    /**
     * 1053 server shutdown; 1927 connection killed; 2002/2003/2006/2013 the classic client codes for
     * refused, gone away and lost; 9001 PD server timeout; 9002 TiKV server timeout; 9005 region unavailable.
     */
    private static final Set<Integer> UNREACHABLE_CODES = Set.of(1053, 1927, 2002, 2003, 2006, 2013, 9001, 9002, 9005);
    /** SQLSTATE class 08: connection exceptions (Connector/J's communications failures are 08S01). */
    private static final String CONNECTION_STATE_CLASS = "08";

    private final long retryAfterSeconds;
    private final String message;

    DatabaseTrouble(long retryAfterSeconds, String message) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.message = message;
    }

    /** Seconds a client should wait before trying again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** What the client is told: the state, no internals. */
    public String message() {
        return message;
    }

    /** The trouble somewhere in {@code error}'s cause chain, or empty for any other failure. */
    public static Optional<DatabaseTrouble> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Optional<DatabaseTrouble> trouble = classify(t);
            if (trouble.isPresent()) {
                return trouble;
            }
        }
        return Optional.empty();
    }

    private static Optional<DatabaseTrouble> classify(Throwable t) {
        if (t instanceof PoolExhaustedException || t instanceof SQLTimeoutException) {
            return Optional.of(BUSY);
        }
        if (t instanceof ConnectException) {
            return Optional.of(UNREACHABLE);
        }
        if (t instanceof SQLException sql) {
            for (SQLException s = sql; s != null; s = s.getNextException()) {
                if (UNREACHABLE_CODES.contains(s.getErrorCode())
                        || (s.getSQLState() != null && s.getSQLState().startsWith(CONNECTION_STATE_CLASS))) {
                    return Optional.of(UNREACHABLE);
                }
                if (BUSY_CODES.contains(s.getErrorCode())) {
                    return Optional.of(BUSY);
                }
            }
        }
        return Optional.empty();
    }
}
