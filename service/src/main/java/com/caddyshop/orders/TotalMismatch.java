package com.caddyshop.orders;

import java.math.BigDecimal;

/** Detail of a 409 checkout whose total is not the one the client expected (a price changed). */
public record TotalMismatch(BigDecimal expectedTotal, BigDecimal total) {
}
