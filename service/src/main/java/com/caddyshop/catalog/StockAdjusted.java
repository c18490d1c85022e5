package com.caddyshop.catalog;

/** The answer to a stock adjustment: the ledger row it wrote and the product's stock after it. */
public record StockAdjusted(StockMovement movement, int stock) {
}
