package com.caddyshop.orders;

import com.caddyshop.addresses.PostalAddress;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An order with its items, its payment and where it ships, as {@code GET /orders/{id}} and a successful
 * checkout return it ({@code payment} and {@code shippingAddress} are null on orders placed before they existed,
 * {@code fulfilment} until the order ships). {@code refundedAmount} is what was given back so far; the admin
 * view also lists the {@code refunds} (who, when, why; absent from the customer's view).
 */
public record OrderView(long id, long userId, OrderStatus status, BigDecimal totalAmount, String currency,
                        BigDecimal refundedAmount, int itemCount, List<OrderItemView> items, OrderPayment payment,
                        PostalAddress shippingAddress, FulfilmentView fulfilment,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<OrderRefund> refunds) {

    static OrderView of(OrderRow order, List<OrderItemRow> items) {
        return new OrderView(order.id(), order.userId(), order.status(), order.totalAmount(), order.currency(),
                order.refundedAmount(), order.itemCount(), items.stream().map(OrderItemView::of).toList(),
                order.payment(), order.shipping(), FulfilmentView.of(order.fulfilment()),
                order.createdAt().toInstant(ZoneOffset.UTC), order.updatedAt().toInstant(ZoneOffset.UTC), null);
    }

    /** The admin's view: the same order with its refunds, oldest first. */
    OrderView withRefunds(List<OrderRefund> orderRefunds) {
        return new OrderView(id, userId, status, totalAmount, currency, refundedAmount, itemCount, items, payment,
                shippingAddress, fulfilment, createdAt, updatedAt, List.copyOf(orderRefunds));
    }
}
