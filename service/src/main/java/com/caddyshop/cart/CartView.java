package com.caddyshop.cart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole cart with the totals computed here, on the server, in {@link BigDecimal} at scale 2.
 * Lines whose product is gone or deactivated are not priced; their ids are listed in
 * {@code unavailableProductIds} so the client can tell the user and remove them.
 */
public record CartView(List<CartLineView> items, List<Long> unavailableProductIds, int itemCount, BigDecimal total) {

    static CartView of(List<CartItem> items, Map<Long, CartProduct> products) {
        List<CartLineView> lines = new ArrayList<>();
        List<Long> unavailable = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        int itemCount = 0;
        for (CartItem item : items) {
            CartProduct product = products.get(item.productId());
            if (product == null) {
                unavailable.add(item.productId());
                continue;
            }
            BigDecimal unitPrice = money(product.price());
            BigDecimal lineTotal = money(unitPrice.multiply(BigDecimal.valueOf(item.quantity())));
            lines.add(new CartLineView(product.id(), product.sku(), product.name(), unitPrice, item.quantity(),
                    lineTotal, item.quantity() <= product.stock()));
            total = total.add(lineTotal);
            itemCount += item.quantity();
        }
        return new CartView(List.copyOf(lines), List.copyOf(unavailable), itemCount, total);
    }

    /** Prices are stored as DECIMAL(12,2); the scale is fixed so "10" and "10.00" never both appear. */
    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
