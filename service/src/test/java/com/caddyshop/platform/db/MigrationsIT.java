package com.caddyshop.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServers.class)
class MigrationsIT {

    @Test
    void applyToAnEmptyDatabaseThenAreANoOp() {
        TestDatabase database = RealServers.newDatabase("migrations");

        int first = Migrations.apply(database);
        int second = Migrations.apply(database);

        assertThat(first).isPositive();
        assertThat(second).isZero();
        Jdbi jdbi = Jdbi.create(Migrations.dataSource(database));
        List<String> tables = jdbi.withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name")
                .mapTo(String.class).list());
        assertThat(tables).contains("users", "user_profiles", "user_sessions", "categories", "products", "orders",
                "order_items", "idempotency_keys", "system_checks", "inventory_ledger", "order_refunds");
    }

    @Test
    void theLedgerOpensWithTheStockOfEveryProductThatExistedBeforeIt() throws Exception {
        TestDatabase database = RealServers.newDatabase("ledger_opening");
        new Migrator(Migrations.dataSource(database), "db/changelog/before-ledger.yaml").migrate();
        Jdbi jdbi = Jdbi.create(Migrations.dataSource(database));
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO categories (slug, name) VALUES ('c', 'C')");
            h.execute("INSERT INTO products (category_id, sku, name, price, stock)"
                    + " SELECT id, 'OLD-1', 'Stocked', 1.00, 7 FROM categories");
            h.execute("INSERT INTO products (category_id, sku, name, price, stock)"
                    + " SELECT id, 'OLD-2', 'Sold out', 1.00, 0 FROM categories");
        });

        assertThat(Migrations.apply(database)).as("the rest of the history").isPositive();

        List<String> ledger = jdbi.withHandle(h -> h.createQuery("""
                SELECT CONCAT(p.sku, ' ', l.kind, ' ', l.delta) FROM inventory_ledger l
                JOIN products p ON p.id = l.product_id ORDER BY p.sku""").mapTo(String.class).list());
        assertThat(ledger).as("a sold-out product needs no row: its sum is already 0").containsExactly("OLD-1 OPENING 7");
        List<String> indexes = jdbi.withHandle(h -> h.createQuery("""
                SELECT DISTINCT index_name FROM information_schema.statistics
                WHERE table_schema = DATABASE() AND table_name = 'orders'""").mapTo(String.class).list());
        assertThat(indexes).contains("idx_orders_user_status_created");
    }

    @Test
    void ordersArePartitionedByDateWithTheDateInTheKey() {
        TestDatabase database = RealServers.newDatabase("partitions");
        Migrations.apply(database);
        Jdbi jdbi = Jdbi.create(Migrations.dataSource(database));

        List<String> partitions = jdbi.withHandle(h -> h.createQuery("""
                SELECT partition_name FROM information_schema.partitions
                WHERE table_schema = DATABASE() AND table_name = 'orders' ORDER BY partition_ordinal_position""")
                .mapTo(String.class).list());
        List<String> keyColumns = jdbi.withHandle(h -> h.createQuery("""
                SELECT column_name FROM information_schema.key_column_usage
                WHERE table_schema = DATABASE() AND table_name = 'orders' AND constraint_name = 'PRIMARY'
                ORDER BY ordinal_position""").mapTo(String.class).list());

        assertThat(partitions).contains("p202611", "p202612", "pmax").hasSizeGreaterThan(12);
        assertThat(keyColumns).containsExactly("id", "created_at");
        // A row lands in its month's partition and a far-future one in pmax, never an error.
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO orders (created_at, user_id, status, total_amount, item_count, updated_at)"
                    + " VALUES ('2026-11-25 10:00:00', 1, 'PENDING', 10.00, 1, NOW(3))");
            h.execute("INSERT INTO orders (created_at, user_id, status, total_amount, item_count, updated_at)"
                    + " VALUES ('2031-01-01 00:00:00', 1, 'PENDING', 10.00, 1, NOW(3))");
        });
        long inNovember = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM orders PARTITION (p202611)")
                .mapTo(Long.class).one());
        assertThat(inNovember).isEqualTo(1);
    }

    @Test
    void stockCannotGoNegative() {
        TestDatabase database = RealServers.newDatabase("stock_check");
        Migrations.apply(database);
        Jdbi jdbi = Jdbi.create(Migrations.dataSource(database));
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO categories (slug, name) VALUES ('c', 'C')");
            h.execute("INSERT INTO products (category_id, sku, name, price, stock) SELECT id, 'S1', 'P', 1.00, 1 FROM categories");
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE products SET stock = -1")))
                .hasMessageContaining("chk_products_stock");
    }
}
