package com.caddyshop.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-connection bounds in the units each database reads, in the comments only it executes. */
class SessionLimitsTest {

    @Test
    void oneStatementSetsTheLockWaitForBothAndEachDatabasesStatementBound() {
        assertThat(SessionLimits.initSql(Duration.ofMillis(2500), Duration.ofMillis(1500))).isEqualTo(
                "SET SESSION innodb_lock_wait_timeout = 2 /*M!, max_statement_time = 2.500 */"
                        + " /*T!, max_execution_time = 2500 */");
    }

    @Test
    void theServicesPoolGetsTheStatementAndASocketBoundAboveIt() {
        DataSourceFactory database = new DataSourceFactory();
        database.getProperties().put("socketTimeout", "60000");
        SessionLimits.apply(database, Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertThat(database.getInitializationQuery()).contains("max_statement_time = 10.000", "max_execution_time = 10000");
        assertThat(database.getProperties()).containsEntry("socketTimeout", "25000");
    }

    @Test
    void aLongStatementCarriesItsOwnBoundForEachDatabase() {
        assertThat(LongStatements.allowing(Duration.ofMinutes(10), "SELECT COUNT(*) FROM orders")).isEqualTo(
                "/*M! SET STATEMENT max_statement_time = 600.000 FOR */ SELECT /*+ MAX_EXECUTION_TIME(600000) */ COUNT(*) FROM orders");
        assertThat(LongStatements.allowing(Duration.ofSeconds(30), "ALTER TABLE orders ADD INDEX i (a)")).isEqualTo(
                "/*M! SET STATEMENT max_statement_time = 30.000 FOR */ ALTER TABLE orders ADD INDEX i (a)");
    }
}
