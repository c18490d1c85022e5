package com.caddyshop.orders;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import java.math.BigDecimal;

/**
 * Body of {@code POST /orders} (optional). {@code expectedTotal} is the total the client showed the
 * user; when given and the server's total differs (a price changed meanwhile), checkout is refused
 * with 409 instead of charging an amount the user never saw.
 */
public record CheckoutRequest(@DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal expectedTotal) {
    static final CheckoutRequest EMPTY = new CheckoutRequest(null);
}
