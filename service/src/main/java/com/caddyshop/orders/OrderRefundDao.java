package com.caddyshop.orders;

import java.math.BigDecimal;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code order_refunds}: one row per refunded order, written with the cancellation it records. */
@RegisterConstructorMapper(OrderRefund.class)
public interface OrderRefundDao {

    @SqlUpdate("""
            INSERT INTO order_refunds (order_id, user_id, amount, currency, refunded_by, reason)
            VALUES (:orderId, :userId, :amount, :currency, :refundedBy, :reason)""")
    void insert(@Bind("orderId") long orderId, @Bind("userId") long userId, @Bind("amount") BigDecimal amount,
                @Bind("currency") String currency, @Bind("refundedBy") long refundedBy, @Bind("reason") String reason);

    @SqlQuery("""
            SELECT order_id, user_id, amount, currency, refunded_by, reason, created_at
            FROM order_refunds WHERE order_id = :orderId""")
    Optional<OrderRefund> find(@Bind("orderId") long orderId);
}
