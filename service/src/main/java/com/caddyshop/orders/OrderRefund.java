package com.caddyshop.orders;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The refund of an order: the whole total, recorded against the order's payment intent (null on orders
 * placed before payments existed), by an admin ({@code refundedBy}) or by the payment provider
 * ({@code providerEventId}), why and when.
 */
public record OrderRefund(long orderId, long userId, BigDecimal amount, String currency, String paymentIntent,
                          RefundSource source, Long refundedBy, String providerEventId, String reason,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
}
