package com.caddyshop.orders;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.jdbi.v3.core.mapper.PropagateNull;

/**
 * The order's payment intent: the id the shop's front end hands to the payment provider and the provider
 * quotes back in its signed webhook events, and what the provider last reported. Absent on orders placed
 * before payments existed.
 */
@PropagateNull("intent")
public record OrderPayment(String intent, PaymentStatus status) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new intent: 128 random bits, so nobody can guess another order's intent. */
    static OrderPayment create() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new OrderPayment("pi_" + HexFormat.of().formatHex(bytes), PaymentStatus.REQUIRES_PAYMENT);
    }
}
