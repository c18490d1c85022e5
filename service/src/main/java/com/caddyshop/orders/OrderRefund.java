package com.caddyshop.orders;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One refund of an order (an order may have several, adding up to at most what was paid): the amount,
 * recorded against the order's payment intent (null on orders placed before payments existed), by an admin
 * ({@code refundedBy}) or by the payment provider ({@code providerEventId}), why and when.
 */
public record OrderRefund(long id, long orderId, long userId, BigDecimal amount, String currency,
                          String paymentIntent, RefundSource source, Long refundedBy, String providerEventId,
                          String reason, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
}
