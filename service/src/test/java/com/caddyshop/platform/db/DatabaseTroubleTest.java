package com.caddyshop.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

/** Which database failures are the database's state (503, retry later) and which are not (500). */
class DatabaseTroubleTest {

    @Test
    void aFullPoolALockWaitAndAStatementBoundAreBusy() {
        assertThat(DatabaseTrouble.of(new ConnectionException(new PoolExhaustedException("Timeout: Pool empty"))))
                .contains(DatabaseTrouble.BUSY);
        for (int code : new int[] {1205, 1969, 3024, 1040, 9003, 8005, 1213}) {
            assertThat(DatabaseTrouble.of(new RuntimeException(new SQLException("busy", "HY000", code))))
                    .as("code %d", code).contains(DatabaseTrouble.BUSY);
        }
    }

    @Test
    void aRefusedOrLostConnectionAndTidbsUnreachableStoresAreUnreachable() {
        assertThat(DatabaseTrouble.of(new ConnectionException(new SQLTransientConnectionException("refused", "08001"))))
                .contains(DatabaseTrouble.UNREACHABLE);
        assertThat(DatabaseTrouble.of(new RuntimeException(new CommunicationsException("Communications link failure",
                new ConnectException("Connection refused"))))).contains(DatabaseTrouble.UNREACHABLE);
        for (int code : new int[] {1053, 9001, 9002, 9005}) {
            assertThat(DatabaseTrouble.of(new SQLException("down", "HY000", code))).as("code %d", code)
                    .contains(DatabaseTrouble.UNREACHABLE);
        }
        assertThat(DatabaseTrouble.UNREACHABLE.retryAfterSeconds()).isGreaterThan(DatabaseTrouble.BUSY.retryAfterSeconds());
    }

    @Test
    void otherFailuresAreNotTroubleOfTheDatabase() {
        assertThat(DatabaseTrouble.of(new RuntimeException(new SQLException("Duplicate entry", "23000", 1062)))).isEmpty();
        assertThat(DatabaseTrouble.of(new RuntimeException(new SQLException("Data too long", "22001", 1406)))).isEmpty();
        assertThat(DatabaseTrouble.of(new IllegalStateException("no SQL at all"))).isEmpty();
    }
}
