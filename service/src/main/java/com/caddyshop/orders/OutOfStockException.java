package com.caddyshop.orders;

import com.caddyshop.platform.errors.ApiException;
import java.util.List;

/** A checkout that ran short: 409, with the short products in the details. Its own type so it can be counted. */
final class OutOfStockException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final transient List<ShortProduct> shortProducts;

    OutOfStockException(List<ShortProduct> shortProducts) {
        super(409, "Not enough stock for some products", shortProducts);
        this.shortProducts = List.copyOf(shortProducts);
    }

    List<Long> productIds() {
        return shortProducts.stream().map(ShortProduct::productId).toList();
    }
}
