package com.caddyshop.orders;

import java.math.BigDecimal;

/** One line of an order as clients see it, at the price it was bought for. */
public record OrderItemView(long productId, String productName, BigDecimal unitPrice, int quantity,
                            BigDecimal lineTotal) {

    static OrderItemView of(OrderItemRow row) {
        return new OrderItemView(row.productId(), row.productName(), row.unitPrice(), row.quantity(), row.lineTotal());
    }
}
