package com.caddyshop.orders;

import com.caddyshop.addresses.PostalAddress;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An order with its items, its payment and where it ships, as {@code GET /orders/{id}} and a successful
 * checkout return it ({@code payment} and {@code shippingAddress} are null on orders placed before they existed,
 * {@code fulfilment} until the order ships).
 */
public record OrderView(long id, long userId, OrderStatus status, BigDecimal totalAmount, String currency,
                        int itemCount, List<OrderItemView> items, OrderPayment payment, PostalAddress shippingAddress,
                        FulfilmentView fulfilment,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt) {

    static OrderView of(OrderRow order, List<OrderItemRow> items) {
        return new OrderView(order.id(), order.userId(), order.status(), order.totalAmount(), order.currency(),
                order.itemCount(), items.stream().map(OrderItemView::of).toList(), order.payment(), order.shipping(),
                FulfilmentView.of(order.fulfilment()),
                order.createdAt().toInstant(ZoneOffset.UTC), order.updatedAt().toInstant(ZoneOffset.UTC));
    }
}
