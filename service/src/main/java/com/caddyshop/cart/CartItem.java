package com.caddyshop.cart;

/** One stored cart line: which product and how many. Prices are looked up when the cart is shown. */
public record CartItem(long productId, int quantity) {
}
