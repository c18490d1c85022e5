package com.caddyshop.catalog;

/** A ledger row to append: who moved how much of which product, and why. */
public record LedgerEntry(long productId, int delta, StockMovementKind kind, Long orderId, Long actorId, String reason) {
}
