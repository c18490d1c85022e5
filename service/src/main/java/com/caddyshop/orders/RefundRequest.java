package com.caddyshop.orders;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * Body of {@code POST /admin/orders/{id}/refund} (optional): how much (absent: all that is left to refund;
 * otherwise more than 0 and at most what is left) and why, kept with the refund.
 */
public record RefundRequest(@DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 12, fraction = 2)
                            BigDecimal amount,
                            @Size(max = 200) String reason) {
}
