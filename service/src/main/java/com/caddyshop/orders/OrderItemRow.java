package com.caddyshop.orders;

import java.math.BigDecimal;

/** An {@code order_items} row: the product's name and price copied at checkout, so later catalog edits do not rewrite history. */
public record OrderItemRow(long orderId, long productId, String productName, BigDecimal unitPrice, int quantity,
                           BigDecimal lineTotal) {
}
