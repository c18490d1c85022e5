package com.caddyshop.cart;

/** A stored cart line with its product as the cart shows it; {@code product} is null when it is not active. */
record CartLine(CartItem item, CartProduct product) {
}
