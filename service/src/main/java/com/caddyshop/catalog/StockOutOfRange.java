package com.caddyshop.catalog;

/** Detail of a 409 stock adjustment: the stock now and the delta that would take it out of range. */
public record StockOutOfRange(long productId, int stock, int delta) {
}
