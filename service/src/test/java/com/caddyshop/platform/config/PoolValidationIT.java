package com.caddyshop.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pool's validation query of production.yml, run as the pool runs it (Statement.execute on a
 * Connector/J connection) against the real MariaDB: it is answered by a protocol ping, so the checks the
 * pool makes on borrow cost the database no statement. A validation query the driver cannot turn into
 * a ping (a comment before the marker, say) fails here.
 */
@ExtendWith(RealServers.class)
class PoolValidationIT {

    @Test
    void theValidationQueryIsAPingAndCostsNoStatement() throws SQLException {
        String validation = ConfigFixtures.load().getDatabase().getValidationQuery().orElseThrow();
        TestDatabase db = RealServers.newDatabase("pool_validation");
        try (Connection connection = Migrations.dataSource(db).getConnection();
             Statement statement = connection.createStatement()) {
            long before = questions(statement);
            for (int i = 0; i < 5; i++) {
                assertThat(statement.execute(validation)).isTrue();
            }
            // Only the second SHOW STATUS counts itself; five SELECTs would have made it 6.
            assertThat(questions(statement) - before).isEqualTo(1);
        }
    }

    private static long questions(Statement statement) throws SQLException {
        try (ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
            status.next();
            return status.getLong(2);
        }
    }
}
