package com.caddyshop.orders;

/**
 * The order's payment as the provider reported it: checkout creates the intent (REQUIRES_PAYMENT); a
 * failed attempt leaves the order PENDING (the customer may pay again until the hold runs out); a
 * success makes the order PAID; refunds (the provider's or an admin's) make it PARTIALLY_REFUNDED until they add
 * up to the amount paid, then REFUNDED.
 */
public enum PaymentStatus {
    REQUIRES_PAYMENT,
    FAILED,
    SUCCEEDED,
    PARTIALLY_REFUNDED,
    REFUNDED
}
