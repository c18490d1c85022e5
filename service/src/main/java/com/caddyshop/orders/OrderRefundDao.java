package com.caddyshop.orders;

import java.math.BigDecimal;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code order_refunds}: one row per refund (several per order), written in the transaction that refunds. */
@RegisterConstructorMapper(OrderRefund.class)
public interface OrderRefundDao {

    @SqlUpdate("""
            INSERT INTO order_refunds (order_id, user_id, amount, currency, payment_intent, source, refunded_by,
              provider_event_id, reason)
            VALUES (:orderId, :userId, :amount, :currency, :paymentIntent, :source, :refundedBy, :providerEventId,
              :reason)""")
    void insert(@Bind("orderId") long orderId, @Bind("userId") long userId, @Bind("amount") BigDecimal amount,
                @Bind("currency") String currency, @Bind("paymentIntent") String paymentIntent,
                @Bind("source") RefundSource source, @Bind("refundedBy") Long refundedBy,
                @Bind("providerEventId") String providerEventId, @Bind("reason") String reason);

    /** The order's refunds, oldest first (ids are random on TiDB, so the time orders them; the id breaks ties). */
    @SqlQuery("""
            SELECT id, order_id, user_id, amount, currency, payment_intent, source, refunded_by, provider_event_id,
              reason, created_at
            FROM order_refunds WHERE order_id = :orderId ORDER BY created_at, id""")
    List<OrderRefund> list(@Bind("orderId") long orderId);
}
