package com.caddyshop.orders;

/**
 * What {@code POST /orders} answers: the status and the exact JSON body, kept as text so that a replay
 * under the same Idempotency-Key is byte-for-byte the first response.
 */
public record CheckoutResult(int status, String body, long orderId, boolean replayed) {
}
