package com.caddyshop.orders;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** An {@code orders} row. Times are UTC wall-clock values, as the connection's time zone is UTC. */
public record OrderRow(long id, long userId, OrderStatus status, BigDecimal totalAmount, String currency,
                       int itemCount, LocalDateTime createdAt, LocalDateTime updatedAt) {
}
