package com.caddyshop.orders;

import com.caddyshop.addresses.PostalAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import java.math.BigDecimal;

/**
 * Body of {@code POST /orders}. Where the order ships: {@code shippingAddress} inline, or {@code addressId},
 * an entry of the caller's address book (exactly one of the two); the order keeps a copy either way.
 * {@code expectedTotal} is the total the client showed the user; when given and the server's total differs
 * (a price changed meanwhile), checkout is refused with 409 instead of charging an amount the user never saw.
 */
public record CheckoutRequest(@DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal expectedTotal,
                              @Valid PostalAddress shippingAddress, Long addressId) {
    static final CheckoutRequest EMPTY = new CheckoutRequest(null, null, null);
}
