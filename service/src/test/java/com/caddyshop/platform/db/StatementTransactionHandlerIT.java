package com.caddyshop.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transactions as statements on the real MariaDB: the same outcomes as Jdbi's own handler, without a SET. */
@ExtendWith(RealServers.class)
class StatementTransactionHandlerIT {
    static Jdbi jdbi;

    @BeforeAll
    static void setUp() {
        TestDatabase db = RealServers.newDatabase("statement_transactions");
        jdbi = Jdbi.create(Migrations.dataSource(db));
        jdbi.setTransactionHandler(new StatementTransactionHandler());
        jdbi.useHandle(h -> h.execute("CREATE TABLE t (id INT PRIMARY KEY) ENGINE = InnoDB"));
    }

    private static long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM t").mapTo(Long.class).one();
    }

    private static long status(Handle h, String name) {
        return h.createQuery("SHOW SESSION STATUS LIKE '" + name + "'").map((rs, ctx) -> rs.getLong(2)).one();
    }

    @Test
    void aTransactionCostsStartAndCommitAndNoSet() throws Exception {
        jdbi.useHandle(h -> {
            h.execute("DELETE FROM t");
            long sets = status(h, "Com_set_option");
            long commits = status(h, "Com_commit");
            h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, tx -> tx.execute("INSERT INTO t VALUES (1)"));
            assertThat(status(h, "Com_set_option")).as("SET statements").isEqualTo(sets);
            assertThat(status(h, "Com_commit")).isEqualTo(commits + 1);
            assertThat(h.getConnection().getAutoCommit()).as("the connection stays in autocommit mode").isTrue();
            assertThat(count(h)).isEqualTo(1);
        });
    }

    @Test
    void aFailureRollsBackEverythingAndTheHandleIsUsableAgain() {
        jdbi.useHandle(h -> {
            h.execute("DELETE FROM t");
            assertThatThrownBy(() -> h.useTransaction(tx -> {
                tx.execute("INSERT INTO t VALUES (2)");
                tx.execute("INSERT INTO t VALUES (2)");
            })).hasMessageContaining("Duplicate");
            assertThat(h.isInTransaction()).isFalse();
            assertThat(count(h)).as("the first insert was rolled back").isZero();
            h.useTransaction(tx -> tx.execute("INSERT INTO t VALUES (3)"));
            assertThat(count(h)).isEqualTo(1);
        });
    }

    @Test
    void anotherConnectionSeesNothingBeforeTheCommit() {
        jdbi.useHandle(h -> h.execute("DELETE FROM t"));
        jdbi.useHandle(h -> h.useTransaction(tx -> {
            tx.execute("INSERT INTO t VALUES (4)");
            assertThat(tx.isInTransaction()).isTrue();
            // Another thread: Jdbi hands a nested withHandle on the same thread the same handle.
            long seenElsewhere = CompletableFuture.supplyAsync(() -> jdbi.withHandle(StatementTransactionHandlerIT::count)).join();
            assertThat(seenElsewhere).as("uncommitted").isZero();
        }));
        assertThat(jdbi.withHandle(StatementTransactionHandlerIT::count)).isEqualTo(1);
    }

    @Test
    void aSavepointUndoesOnlyWhatFollowedIt() {
        jdbi.useHandle(h -> {
            h.execute("DELETE FROM t");
            h.useTransaction(tx -> {
                tx.execute("INSERT INTO t VALUES (5)");
                tx.savepoint("before_six");
                tx.execute("INSERT INTO t VALUES (6)");
                tx.rollbackToSavepoint("before_six");
                tx.savepoint("before_seven");
                tx.execute("INSERT INTO t VALUES (7)");
                tx.release("before_seven");
            });
            assertThat(h.createQuery("SELECT id FROM t ORDER BY id").mapTo(Integer.class).list()).containsExactly(5, 7);
            assertThatThrownBy(() -> h.savepoint("outside")).hasMessageContaining("outside a transaction");
            assertThatThrownBy(() -> h.useTransaction(tx -> tx.savepoint("x; DROP TABLE t")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(count(h)).as("the refused name ran nothing").isEqualTo(2);
        });
    }
}
