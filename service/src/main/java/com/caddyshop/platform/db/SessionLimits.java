package com.caddyshop.platform.db;

import io.dropwizard.db.DataSourceFactory;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The bounds a connection of the running service works under: how long one statement may run and
 * how long it may wait for a row lock. Every pooled connection sets them once, when the pool opens it
 * (not per transaction: a statement per transaction would cost every checkout a round trip). One
 * text serves both databases through executable comments: MariaDB runs a comment opened with
 * {@code /*M!} and ignores one opened with {@code /*T!}, TiDB does the opposite, and both know
 * {@code innodb_lock_wait_timeout} (seconds; TiDB applies it to its pessimistic locks).
 * <ul>
 *   <li>MariaDB: {@code max_statement_time}, in seconds, bounds every statement, reads and writes.</li>
 *   <li>TiDB: {@code max_execution_time}, in milliseconds, bounds SELECT (also FOR UPDATE); its
 *       writes are bounded by the lock wait and, as a last resort, by the socket timeout.</li>
 * </ul>
 * The socket timeout is the bound for a database that stops answering altogether: the statement
 * bound, the lock wait and a margin. Migrations build their own pool and keep the configured one.
 */
public record SessionLimits(Duration statementTimeout, Duration lockWaitTimeout) {
    /** Slack for the round trip and commit on top of the server's own bounds. */
    static final Duration SOCKET_MARGIN = Duration.ofSeconds(10);

    /** Sets the initialisation statement and the socket timeout of the service's pool. */
    public void applyTo(DataSourceFactory database) {
        database.setInitializationQuery(initSql());
        database.getProperties().put("socketTimeout", Long.toString(socketTimeout().toMillis()));
    }

    /** The same lock wait with another statement bound (for admin tasks' long scans). */
    public SessionLimits withStatementTimeout(Duration timeout) {
        return new SessionLimits(timeout, lockWaitTimeout);
    }

    /** The one statement that puts a connection under these bounds. */
    public String initSql() {
        return "SET SESSION innodb_lock_wait_timeout = " + wholeSecondsUp(lockWaitTimeout)
                + " /*M!, max_statement_time = " + seconds(statementTimeout) + " */"
                + " /*T!, max_execution_time = " + statementTimeout.toMillis() + " */";
    }

    public Duration socketTimeout() {
        return statementTimeout.plus(lockWaitTimeout).plus(SOCKET_MARGIN);
    }

    /** Seconds with millisecond precision, as MariaDB's decimal variables take them. */
    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).toPlainString();
    }

    private static long wholeSecondsUp(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
