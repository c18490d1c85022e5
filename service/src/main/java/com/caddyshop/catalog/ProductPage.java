package com.caddyshop.catalog;

import java.util.List;

/** The body of {@code GET /api/products}: one page, the total, and links to neighbouring pages. */
public record ProductPage(List<ProductView> items, int page, int size, long total, Links links) {

    /** Relative links (path and query), so they stay right behind any proxy; absent neighbours are null. */
    public record Links(String self, String next, String prev, String first) {
    }
}
