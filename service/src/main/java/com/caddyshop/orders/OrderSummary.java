package com.caddyshop.orders;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;

/** An order in a list: no items, so a page costs one query; the items are one {@code GET /orders/{id}} away. */
public record OrderSummary(long id, long userId, OrderStatus status, BigDecimal totalAmount, String currency,
                           int itemCount,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt) {

    static OrderSummary of(OrderRow order) {
        return new OrderSummary(order.id(), order.userId(), order.status(), order.totalAmount(), order.currency(),
                order.itemCount(), order.createdAt().toInstant(ZoneOffset.UTC), order.updatedAt().toInstant(ZoneOffset.UTC));
    }
}
