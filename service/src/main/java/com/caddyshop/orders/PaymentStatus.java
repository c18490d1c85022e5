package com.caddyshop.orders;

/**
 * The order's payment as the provider reported it: checkout creates the intent (REQUIRES_PAYMENT); a
 * failed attempt leaves the order PENDING (the customer may pay again until the hold runs out); a
 * success makes the order PAID; a refund (the provider's or an admin's) ends at REFUNDED.
 */
public enum PaymentStatus {
    REQUIRES_PAYMENT,
    FAILED,
    SUCCEEDED,
    REFUNDED
}
