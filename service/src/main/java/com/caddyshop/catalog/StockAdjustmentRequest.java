package com.caddyshop.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/admin/products/{id}/stock-adjustments}: units to add (or, negative, remove), and why. */
public record StockAdjustmentRequest(
        @NotNull @Min(-Inventory.MAX_STOCK) @Max(Inventory.MAX_STOCK) Integer delta,
        @NotBlank @Size(max = 200) String reason) {
}
