package com.caddyshop.cart;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /cart/items/{productId}}: the line's new quantity (not an increment). */
public record SetQuantityRequest(@NotNull @Min(1) @Max(CartService.MAX_QUANTITY) Integer quantity) {
}
