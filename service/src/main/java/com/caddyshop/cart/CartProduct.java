package com.caddyshop.cart;

import com.caddyshop.catalog.ProductView;
import java.math.BigDecimal;

/** What a cart line shows of its product: an active product's identity, price and stock. */
record CartProduct(long id, String sku, String name, BigDecimal price, int stock) {

    static CartProduct of(ProductView product) {
        return new CartProduct(product.id(), product.sku(), product.name(), product.price(), product.stock());
    }
}
