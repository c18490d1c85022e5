package com.caddyshop.orders;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;

/** The refund recorded when an admin cancelled a paid order: the whole total, who, why and when. */
public record OrderRefund(long orderId, long userId, BigDecimal amount, String currency, long refundedBy,
                          String reason, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
}
