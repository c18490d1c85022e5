package com.caddyshop.catalog;

import java.util.List;

/**
 * One page of a product list, each product as its JSON, how many products match in all, and the id
 * of the page's last product (the cursor of the next page; null for an empty page).
 */
public record ProductSlice(List<String> itemsJson, long total, Long lastId) {
}
