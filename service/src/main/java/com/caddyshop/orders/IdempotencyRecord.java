package com.caddyshop.orders;

import java.time.LocalDateTime;

/** A stored idempotency key: the fingerprint of the first request and the response it got. */
public record IdempotencyRecord(String requestHash, int responseStatus, String responseBody, Long resourceId,
                                LocalDateTime expiresAt) {
}
