package com.caddyshop.catalog;

import java.util.List;

/** One page of a product list and how many products match in all. */
public record ProductSlice(List<ProductView> items, long total) {
}
