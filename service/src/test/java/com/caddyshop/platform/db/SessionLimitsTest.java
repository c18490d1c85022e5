package com.caddyshop.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-connection bounds in the units each database reads, in the comments only it executes. */
class SessionLimitsTest {

    @Test
    void oneStatementSetsTheLockWaitForBothAndEachDatabasesStatementBound() {
        assertThat(new SessionLimits(Duration.ofMillis(2500), Duration.ofMillis(1500)).initSql()).isEqualTo(
                "SET SESSION innodb_lock_wait_timeout = 2 /*M!, max_statement_time = 2.500 */"
                        + " /*T!, max_execution_time = 2500 */");
    }

    @Test
    void theServicesPoolGetsTheBoundsAndASocketTimeoutAboveThem() {
        DataSourceFactory database = new DataSourceFactory();
        database.getProperties().put("socketTimeout", "60000");
        new SessionLimits(Duration.ofSeconds(10), Duration.ofSeconds(5)).applyTo(database);
        assertThat(database.getInitializationQuery()).contains("max_statement_time = 10.000", "max_execution_time = 10000");
        assertThat(database.getProperties()).containsEntry("socketTimeout", "25000");
    }

    @Test
    void anAdminTaskKeepsTheLockWaitAndLiftsOnlyTheStatementBound() {
        SessionLimits task = new SessionLimits(Duration.ofSeconds(10), Duration.ofSeconds(5))
                .withStatementTimeout(Duration.ofMinutes(10));
        assertThat(task.initSql()).contains("innodb_lock_wait_timeout = 5", "max_statement_time = 600.000",
                "max_execution_time = 600000");
        assertThat(task.socketTimeout()).isEqualTo(Duration.ofSeconds(615));
    }
}
