package com.caddyshop.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.addresses.PostalAddress;
import com.caddyshop.platform.db.Migrator;
import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checkout's locking read of the customer's PENDING orders must go through the customer's index range.
 * On a small orders table (a new shop, the bench's start) MariaDB planned it as a scan of the
 * partition's primary key, and as a locking read that scan took next-key locks on every order row and
 * on the supremum: every concurrent checkout then deadlocked on its own INSERT of the order
 * (innodb_print_all_deadlocks in make bench), and after six retries answered 503.
 */
@ExtendWith(RealServers.class)
class PendingUnitsLockExplainIT {
    @Test
    void theLockingReadUsesTheCustomersIndexRangeOnASmallTable() throws Exception {
        TestDatabase db = RealServers.newDatabase("pending_lock");
        new Migrator(Migrations.dataSource(db)).migrate();
        Jdbi jdbi = Jdbi.create(Migrations.dataSource(db)).installPlugin(new SqlObjectPlugin());
        PostalAddress address = new PostalAddress("Buyer", null, "1 Road", null, "Berlin", null, "10115", "DE");
        jdbi.useHandle(h -> {
            for (int user = 1; user <= 8; user++) {
                h.execute("INSERT INTO users (id, email, password_hash) VALUES (?, ?, 'x')", user, "u" + user + "@test.local");
                h.attach(OrderPlacementDao.class).insert(LocalDateTime.now().withNano(0), user, OrderStatus.PENDING,
                        new BigDecimal("10.00"), "EUR", 1, OrderPayment.create(), address);
            }
            h.execute("ANALYZE TABLE orders");
        });

        String sql = OrderPlacementDao.class.getMethod("lockPendingItemCounts", long.class).getAnnotation(SqlQuery.class).value();
        List<Map<String, Object>> plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN " + sql).bind("userId", 3L).mapToMap().list());

        assertThat(plan).singleElement().satisfies(row -> {
            assertThat(row.get("type")).as("access type in %s", row).isNotEqualTo("ALL");
            assertThat(row.get("key")).as("index in %s", row).isEqualTo("idx_orders_user_status_created");
        });
    }
}
