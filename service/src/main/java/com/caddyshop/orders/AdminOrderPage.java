package com.caddyshop.orders;

import java.util.List;

/**
 * One page of {@code GET /api/admin/orders}, newest first; {@code next} is the {@code after} of the next page
 * (the id of this page's last order), null on the last page.
 */
public record AdminOrderPage(List<OrderSummary> items, String next) {
}
