package com.caddyshop.orders;

import java.math.BigDecimal;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code order_refunds}: one row per refunded order, written in the transaction that refunds it. */
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

    @SqlQuery("""
            SELECT order_id, user_id, amount, currency, payment_intent, source, refunded_by, provider_event_id, reason,
              created_at
            FROM order_refunds WHERE order_id = :orderId""")
    Optional<OrderRefund> find(@Bind("orderId") long orderId);
}
