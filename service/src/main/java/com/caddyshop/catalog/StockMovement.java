package com.caddyshop.catalog;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * One row of the inventory ledger as an admin reads it. {@code orderId} is set for order movements,
 * {@code actorId} (the admin) for adjustments, refunds and products created with stock.
 */
public record StockMovement(long id, long productId, int delta, StockMovementKind kind, Long orderId, Long actorId,
                            String reason, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
}
