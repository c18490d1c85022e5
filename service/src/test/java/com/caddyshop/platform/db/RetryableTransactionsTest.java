package com.caddyshop.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class RetryableTransactionsTest {

    @Test
    void recognisesTidbAndDeadlockCodesAnywhereInTheCauseChain() {
        for (int code : new int[] {8002, 8022, 8028, 9007, 1213}) {
            RuntimeException wrapped = new RuntimeException("jdbi", new SQLException("aborted", "40001", code));
            assertThat(RetryableTransactions.retryableErrorCode(wrapped)).isEqualTo(code);
        }
        assertThat(RetryableTransactions.retryableErrorCode(new RuntimeException(new SQLException("dup", "23000", 1062)))).isNull();
        assertThat(RetryableTransactions.retryableErrorCode(new IllegalStateException("no sql"))).isNull();
    }

    @Test
    void aTidbWriteConflictOfAnOptimisticTransactionIsRetried() {
        SQLException conflict = new SQLException("Write conflict, txnStartTS=452093711826550785, conflictStartTS="
                + "452093711826550786, conflictCommitTS=452093711839657985, key={tableID=96, handle=1} primary={}"
                + " [try again later]", "HY000", 8005);
        assertThat(RetryableTransactions.retryableErrorCode(new RuntimeException("jdbi", conflict))).isEqualTo(8005);
    }

    @Test
    void backoffIsJitteredAndCapped() {
        RetryableTransactions retry = new RetryableTransactions(Jdbi.create("jdbc:mysql://127.0.0.1:1/none"), new MetricRegistry(),
                6, TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(250));
        for (int attempt = 1; attempt <= 30; attempt++) {
            long delay = retry.backoffNanos(attempt);
            assertThat(delay).isPositive().isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        }
        assertThat(retry.backoffNanos(1)).isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
    }

    @Test
    void detectsTidbFromItsVersionString() {
        assertThat(DatabaseFlavor.fromVersion("8.0.11-TiDB-v7.5.1")).isEqualTo(DatabaseFlavor.TIDB);
        assertThat(DatabaseFlavor.fromVersion("10.11.6-MariaDB-0+deb12u1")).isEqualTo(DatabaseFlavor.MARIADB_OR_MYSQL);
        assertThat(DatabaseFlavor.TIDB.idGenerator()).isEqualTo("AUTO_RANDOM(5, 54)");
        assertThat(DatabaseFlavor.MARIADB_OR_MYSQL.idGenerator()).isEqualTo("AUTO_INCREMENT");
    }
}
