package com.caddyshop.cart;

/** Detail of a 409 on a cart line: how many were asked for and how many the catalog has. */
public record StockLimit(long productId, int requested, int available) {
}
