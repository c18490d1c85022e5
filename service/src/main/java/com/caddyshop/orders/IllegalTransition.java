package com.caddyshop.orders;

import java.util.Set;

/** Detail of a 409 status change: where the order is, where it was asked to go, and where it could go. */
public record IllegalTransition(OrderStatus from, OrderStatus to, Set<OrderStatus> allowed) {
}
