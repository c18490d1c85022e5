package com.caddyshop.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real InnoDB deadlock (error 1213) is retried whole and both transactions end up applied. */
@ExtendWith(RealServers.class)
class RetryableTransactionsIT {

    @Test
    void aDeadlockVictimIsRetriedAndSucceeds() throws Exception {
        TestDatabase database = RealServers.newDatabase("deadlock");
        Jdbi jdbi = Jdbi.create(Migrations.dataSource(database));
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL) ENGINE=InnoDB");
            h.execute("INSERT INTO accounts VALUES (1, 100), (2, 100)");
        });
        MetricRegistry metrics = new MetricRegistry();
        RetryableTransactions transactions = new RetryableTransactions(jdbi, metrics);
        CountDownLatch firstHoldsRow1 = new CountDownLatch(1);
        CountDownLatch secondHoldsRow2 = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();

        // Each transaction locks one row, waits until the other holds the other row, then asks for it.
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.useTransaction(h -> {
            attempts.incrementAndGet();
            move(h, 1, -10);
            firstHoldsRow1.countDown();
            await(secondHoldsRow2);
            move(h, 2, 10);
        }));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transactions.useTransaction(h -> {
            attempts.incrementAndGet();
            move(h, 2, -5);
            secondHoldsRow2.countDown();
            await(firstHoldsRow1);
            move(h, 1, 5);
        }));
        first.get(60, TimeUnit.SECONDS);
        second.get(60, TimeUnit.SECONDS);

        assertThat(attempts.get()).as("one of the two was chosen as deadlock victim and ran again").isEqualTo(3);
        assertThat(metrics.counter("caddy.db.transaction_retries").getCount()).isEqualTo(1);
        int row1 = jdbi.withHandle(h -> h.createQuery("SELECT balance FROM accounts WHERE id = 1").mapTo(Integer.class).one());
        int row2 = jdbi.withHandle(h -> h.createQuery("SELECT balance FROM accounts WHERE id = 2").mapTo(Integer.class).one());
        assertThat(row1).isEqualTo(100 - 10 + 5);
        assertThat(row2).isEqualTo(100 + 10 - 5);
    }

    /** A deadlock as InnoDB reports it (1213, SQLSTATE 40001), raised by the server on the first attempt. */
    @Test
    void autocommitWorkOpensNoTransactionAndIsRunAgainWholeAfterADeadlock() {
        TestDatabase database = RealServers.newDatabase("autocommit_retry");
        Jdbi jdbi = Jdbi.create(Migrations.dataSource(database));
        jdbi.useHandle(h -> h.execute("CREATE TABLE marks (id INT PRIMARY KEY) ENGINE=InnoDB"));
        MetricRegistry metrics = new MetricRegistry();
        RetryableTransactions transactions = new RetryableTransactions(jdbi, metrics);
        AtomicInteger attempts = new AtomicInteger();

        int openTransactions = transactions.inAutocommit(h -> {
            h.execute("INSERT IGNORE INTO marks VALUES (1)");
            int open = h.createQuery("SELECT @@in_transaction").mapTo(Integer.class).one();
            if (attempts.incrementAndGet() == 1) {
                h.execute("SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock'");
            }
            return open;
        });

        assertThat(openTransactions).as("each statement committed on its own").isZero();
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(metrics.counter("caddy.db.transaction_retries").getCount()).isEqualTo(1);
        int marks = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM marks").mapTo(Integer.class).one());
        assertThat(marks).isEqualTo(1);
    }

    @Test
    void aNonRetryableErrorFailsAtOnce() {
        TestDatabase database = RealServers.newDatabase("no_retry");
        Jdbi jdbi = Jdbi.create(Migrations.dataSource(database));
        RetryableTransactions transactions = new RetryableTransactions(jdbi, new MetricRegistry());
        AtomicInteger attempts = new AtomicInteger();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transactions.useTransaction(h -> {
            attempts.incrementAndGet();
            h.execute("SELECT * FROM no_such_table");
        })).isInstanceOf(RuntimeException.class);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void anotherLevelIsOneSetAndHoldsForThatTransactionOnly() {
        TestDatabase database = RealServers.newDatabase("one_shot_level");
        Jdbi jdbi = Jdbi.create(Migrations.dataSource(database));
        jdbi.setTransactionHandler(new StatementTransactionHandler());
        jdbi.useHandle(h -> h.execute("CREATE TABLE t (id INT PRIMARY KEY) ENGINE = InnoDB"));
        RetryableTransactions transactions = new RetryableTransactions(jdbi, new MetricRegistry());
        jdbi.useHandle(h -> {
            long sets = sessionStatus(h, "Com_set_option");
            // READ COMMITTED: the second read sees a row another connection committed after the first read.
            long[] seen = transactions.inTransaction(TransactionIsolationLevel.READ_COMMITTED, tx -> {
                long before = count(tx);
                insertElsewhere(jdbi, 1);
                return new long[] {before, count(tx)};
            });
            assertThat(seen).containsExactly(0, 1);
            assertThat(sessionStatus(h, "Com_set_option")).as("SET statements").isEqualTo(sets + 1);
            // The next transaction is back at the session's REPEATABLE READ: its snapshot does not move.
            long[] again = transactions.inTransaction(tx -> {
                long before = count(tx);
                insertElsewhere(jdbi, 2);
                return new long[] {before, count(tx)};
            });
            assertThat(again).containsExactly(1, 1);
            assertThat(sessionStatus(h, "Com_set_option")).as("SET statements").isEqualTo(sets + 1);
            assertThat(h.getTransactionIsolationLevel()).isEqualTo(TransactionIsolationLevel.REPEATABLE_READ);
        });
    }

    private static long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM t").mapTo(Long.class).one();
    }

    private static long sessionStatus(Handle h, String name) {
        return h.createQuery("SHOW SESSION STATUS LIKE '" + name + "'").map((rs, ctx) -> rs.getLong(2)).one();
    }

    /** Inserts and commits on another connection (another thread: Jdbi would hand this thread the same handle). */
    private static void insertElsewhere(Jdbi jdbi, int id) {
        CompletableFuture.runAsync(() -> jdbi.useHandle(other -> other.execute("INSERT INTO t VALUES (?)", id))).join();
    }

    private static void move(Handle handle, int id, int amount) {
        handle.createUpdate("UPDATE accounts SET balance = balance + :amount WHERE id = :id")
                .bind("amount", amount).bind("id", id).execute();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction never took its first lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
