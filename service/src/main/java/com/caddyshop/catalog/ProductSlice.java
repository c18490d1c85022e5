package com.caddyshop.catalog;

import java.util.List;

/**
 * One page of a product list, each product as its JSON, how many products match in all (for a search,
 * counted up to what its pages can show: {@code totalExact} false when more match), and the id of the
 * page's last product (the cursor of the next page; null for an empty page).
 */
public record ProductSlice(List<String> itemsJson, long total, boolean totalExact, Long lastId) {
}
