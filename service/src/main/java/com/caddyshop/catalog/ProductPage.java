package com.caddyshop.catalog;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;

/**
 * The body of {@code GET /api/products}: one page, the total (a search's counted up to what its pages
 * reach; {@code totalExact} says whether more match), and links to neighbouring pages.
 * {@code items} is the JSON array of {@link ProductView}s, written as it is: the products come
 * from the cache as JSON, and decoding them only to encode them again was most of a page's cost.
 */
public record ProductPage(@JsonRawValue String items, int page, int size, long total, boolean totalExact, Links links) {

    /** A page of these products, given as their JSON. */
    static ProductPage of(List<String> itemsJson, int page, int size, long total, boolean totalExact, Links links) {
        return new ProductPage("[" + String.join(",", itemsJson) + "]", page, size, total, totalExact, links);
    }

    /** Relative links (path and query), so they stay right behind any proxy; absent neighbours are null. */
    public record Links(String self, String next, String prev, String first) {
    }
}
