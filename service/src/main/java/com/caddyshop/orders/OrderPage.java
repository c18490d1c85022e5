package com.caddyshop.orders;

import java.util.List;

/** One page of orders, newest first; {@code page} counts from 1. */
public record OrderPage(List<OrderSummary> items, int page, int size, long total) {
}
