package com.caddyshop.orders;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Orders and their items in SQL. {@code orders} is partitioned by {@code created_at}: a lookup by id
 * alone visits every partition (cheap: one index probe each), lists by user use (user_id, created_at).
 */
@RegisterConstructorMapper(OrderRow.class)
@RegisterConstructorMapper(OrderItemRow.class)
public interface OrderDao {
    String COLUMNS = "id, user_id, status, total_amount, currency, refunded_amount, item_count, created_at, updated_at,"
            + " payment_intent, payment_status, ship_name, ship_phone, ship_line1, ship_line2, ship_city, ship_region,"
            + " ship_postal_code, ship_country, shipping_carrier AS fulfilment_carrier,"
            + " tracking_number AS fulfilment_tracking_number, shipped_at AS fulfilment_shipped_at";
    /** Newest first; the id breaks ties between orders of the same millisecond so pages never overlap. */
    String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset";

    @SqlQuery("SELECT " + COLUMNS + " FROM orders WHERE id = :id")
    Optional<OrderRow> find(@Bind("id") long id);

    /** Someone else's order is simply not found: the caller cannot tell it from a missing one. */
    @SqlQuery("SELECT " + COLUMNS + " FROM orders WHERE id = :id AND user_id = :userId")
    Optional<OrderRow> findOwned(@Bind("id") long id, @Bind("userId") long userId);

    @SqlQuery("""
            SELECT order_id, product_id, product_name, unit_price, quantity, line_total
            FROM order_items WHERE order_id = :orderId ORDER BY product_id""")
    List<OrderItemRow> items(@Bind("orderId") long orderId);

    @SqlQuery("SELECT " + COLUMNS + " FROM orders WHERE user_id = :userId" + NEWEST_FIRST)
    List<OrderRow> pageOfUser(@Bind("userId") long userId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT COUNT(*) FROM orders WHERE user_id = :userId")
    long countOfUser(@Bind("userId") long userId);

    /**
     * The admin search, newest first by (created_at, id): keyset pages, each one index range (see
     * {@link OrderSearch} and migration 027). The conditions are constant fragments; values are bound.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM orders WHERE <where> ORDER BY created_at DESC, id DESC LIMIT :limit")
    @AllowUnusedBindings
    List<OrderRow> search(@Define("where") String where, @Bind("customer") Long customer,
                          @Bind("status") OrderStatus status, @Bind("from") LocalDateTime from,
                          @Bind("to") LocalDateTime to, @Bind("beforeTime") LocalDateTime beforeTime,
                          @Bind("after") Long after, @Bind("limit") int limit);

    @SqlQuery("SELECT created_at FROM orders WHERE id = :id")
    Optional<LocalDateTime> createdAt(@Bind("id") long id);

    /** PENDING orders placed before {@code cutoff}, oldest first: holds that have run out. */
    @SqlQuery("SELECT " + COLUMNS + " FROM orders WHERE status = 'PENDING' AND created_at < :cutoff"
            + " ORDER BY created_at LIMIT :limit")
    List<OrderRow> pendingPlacedBefore(@Bind("cutoff") LocalDateTime cutoff, @Bind("limit") int limit);

    /**
     * The compare-and-set of the state machine: of two concurrent transitions from the same status
     * only one matches {@code status = :from}. The full primary key (id, created_at) is given so the
     * statement locks exactly one row, and no gap where new orders are being inserted.
     */
    @SqlUpdate("""
            UPDATE orders SET status = :to, updated_at = :now
            WHERE id = :id AND created_at = :createdAt AND status = :from""")
    int transition(@Bind("id") long id, @Bind("createdAt") LocalDateTime createdAt, @Bind("from") OrderStatus from,
                   @Bind("to") OrderStatus to, @Bind("now") LocalDateTime now);

    /** The order whose payment intent a provider's event names; the intent is indexed. */
    @SqlQuery("SELECT " + COLUMNS + " FROM orders WHERE payment_intent = :intent")
    Optional<OrderRow> findByPaymentIntent(@Bind("intent") String intent);

    /**
     * The payment's compare-and-set: a provider's report moves the payment (and, for a success, the order to
     * PAID) only from the status and payment status read before, so an expiry or a second event racing it loses.
     */
    @SqlUpdate("""
            UPDATE orders SET status = :to, payment_status = :toPayment, updated_at = :now
            WHERE id = :id AND created_at = :createdAt AND status = :from AND payment_status = :fromPayment""")
    int paymentTransition(@Bind("id") long id, @Bind("createdAt") LocalDateTime createdAt,
                          @Bind("from") OrderStatus from, @Bind("fromPayment") PaymentStatus fromPayment,
                          @Bind("to") OrderStatus to, @Bind("toPayment") PaymentStatus toPayment,
                          @Bind("now") LocalDateTime now);

    /** PAID to SHIPPED with the parcel's carrier and tracking number; 0 when the order is no longer PAID. */
    @SqlUpdate("""
            UPDATE orders SET status = 'SHIPPED', shipping_carrier = :carrier, tracking_number = :trackingNumber,
              shipped_at = :now, updated_at = :now
            WHERE id = :id AND created_at = :createdAt AND status = 'PAID'""")
    int ship(@Bind("id") long id, @Bind("createdAt") LocalDateTime createdAt, @Bind("carrier") String carrier,
             @Bind("trackingNumber") String trackingNumber, @Bind("now") LocalDateTime now);

    /**
     * Adds a refund to the order's running sum (and sets the payment status it leads to), only while the sum is
     * still the one read: of two refunds racing, the second finds it changed (0) and is refused.
     */
    @SqlUpdate("""
            UPDATE orders SET refunded_amount = :after, payment_status = COALESCE(:payment, payment_status),
              updated_at = :now
            WHERE id = :id AND created_at = :createdAt AND refunded_amount = :before""")
    int addRefund(@Bind("id") long id, @Bind("createdAt") LocalDateTime createdAt, @Bind("before") BigDecimal before,
                  @Bind("after") BigDecimal after, @Bind("payment") PaymentStatus payment, @Bind("now") LocalDateTime now);
}
