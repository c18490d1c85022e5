package com.caddyshop.orders;

import com.caddyshop.addresses.PostalAddress;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.jdbi.v3.core.mapper.Nested;

/**
 * An {@code orders} row. Times are UTC wall-clock values, as the connection's time zone is UTC. Payment and
 * shipping address are null on orders placed before they existed; fulfilment is null until an admin ships it.
 * {@code refundedAmount} is the sum of the order's refunds (0 until one).
 */
public record OrderRow(long id, long userId, OrderStatus status, BigDecimal totalAmount, String currency,
                       BigDecimal refundedAmount, int itemCount, LocalDateTime createdAt, LocalDateTime updatedAt,
                       @Nested("payment") OrderPayment payment, @Nested("ship") PostalAddress shipping,
                       @Nested("fulfilment") Fulfilment fulfilment) {
}
