package com.caddyshop.cart;

import java.math.BigDecimal;

/**
 * One cart line as the client sees it, priced at the catalog's current price. {@code inStock} is
 * false when the product has fewer units left than the line asks for; checkout would then fail with 409.
 */
public record CartLineView(long productId, String sku, String name, BigDecimal unitPrice, int quantity,
                           BigDecimal lineTotal, boolean inStock) {
}
