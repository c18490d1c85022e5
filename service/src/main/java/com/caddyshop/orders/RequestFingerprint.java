package com.caddyshop.orders;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a checkout request in normal form, bound to the user: two requests with the same
 * meaning ({@code 20}, {@code 20.0}, {@code 20.00}, no body, {@code {}}) get the same fingerprint.
 */
final class RequestFingerprint {
    private RequestFingerprint() {
    }

    static String of(long userId, CheckoutRequest request) {
        String normalised = "POST /api/orders\nuser=" + userId + "\nexpectedTotal=" + canonical(request.expectedTotal())
                + "\naddressId=" + request.addressId() + "\nshippingAddress=" + request.shippingAddress();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static String canonical(BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
    }
}
