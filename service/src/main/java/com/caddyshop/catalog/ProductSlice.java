package com.caddyshop.catalog;

import java.util.List;

/** One page of a product list, each product as its JSON, and how many products match in all. */
public record ProductSlice(List<String> itemsJson, long total) {
}
