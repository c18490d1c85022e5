package com.caddyshop.orders;

import com.caddyshop.addresses.PostalAddress;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.BindMethodsList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The statements of checkout's order transaction. Apart from {@link OrderDao} because attaching a SQL
 * object costs Jdbi one handler per method of the interface, paid again on every attach: checkout
 * attached the whole OrderDao (16 methods) twice per order for three statements.
 */
public interface OrderPlacementDao {
    @SqlUpdate("""
            INSERT INTO orders (created_at, user_id, status, total_amount, currency, item_count, updated_at,
              payment_intent, payment_status, ship_name, ship_phone, ship_line1, ship_line2, ship_city, ship_region,
              ship_postal_code, ship_country)
            VALUES (:createdAt, :userId, :status, :totalAmount, :currency, :itemCount, :createdAt,
              :pay.intent, :pay.status, :ship.name, :ship.phone, :ship.line1, :ship.line2, :ship.city, :ship.region,
              :ship.postalCode, :ship.country)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("createdAt") LocalDateTime createdAt, @Bind("userId") long userId,
                @Bind("status") OrderStatus status, @Bind("totalAmount") BigDecimal totalAmount,
                @Bind("currency") String currency, @Bind("itemCount") int itemCount,
                @BindMethods("pay") OrderPayment payment, @BindMethods("ship") PostalAddress shipping);

    /** The order's lines in one multi-row INSERT, like the ledger rows (see InventoryLedgerDao.append for why not a batch). */
    @SqlUpdate("INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity, line_total) VALUES <items>")
    void insertItems(@BindMethodsList(value = "items",
            methodNames = {"orderId", "productId", "productName", "unitPrice", "quantity", "lineTotal"}) List<OrderItemRow> items);

    /**
     * The item counts of a customer's PENDING orders, locked: a locking read sees the latest committed
     * orders on MariaDB and TiDB alike (TiDB's plain reads see the transaction's start), and the
     * rows stay locked until checkout commits. Checkouts of one customer are already serialised by
     * the cart's row locks, taken before this. Checkout runs at READ COMMITTED, so on MariaDB this
     * locks the rows it finds and no gap: at REPEATABLE READ the gap after the customer's last entry,
     * where the next user id's new order goes, made neighbours' checkouts deadlock.
     *
     * <p>The index is forced: on a small table (a new shop) MariaDB chose a scan of the primary key,
     * which as a locking read locks every order and the gap after the last one, so every concurrent
     * checkout deadlocked on its own INSERT (PendingUnitsLockExplainIT). TiDB reads the hint alike.
     */
    @SqlQuery("SELECT item_count FROM orders FORCE INDEX (idx_orders_user_status_created)"
            + " WHERE user_id = :userId AND status = 'PENDING' FOR UPDATE")
    List<Integer> lockPendingItemCounts(@Bind("userId") long userId);
}
