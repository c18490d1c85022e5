package com.caddyshop.catalog;

import java.util.List;

/** A page of a product's ledger, newest first; {@code next} is the cursor of the following page, null at the end. */
public record StockMovementPage(List<StockMovement> items, String next) {
}
