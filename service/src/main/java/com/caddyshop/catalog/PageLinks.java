package com.caddyshop.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds a product page's links from the validated query, so they carry only known parameters. */
final class PageLinks {
    private PageLinks() {
    }

    static ProductPage.Links of(String path, ProductQuery query, long total) {
        long pages = Math.max(1, (total + query.size() - 1) / query.size());
        String next = query.page() < pages ? link(path, query, query.page() + 1) : null;
        String prev = query.page() > 1 ? link(path, query, (int) Math.min(query.page() - 1, pages)) : null;
        return new ProductPage.Links(link(path, query, query.page()), next, prev, link(path, query, 1));
    }

    private static String link(String path, ProductQuery query, int page) {
        StringBuilder link = new StringBuilder(path).append("?page=").append(page).append("&size=").append(query.size());
        if (query.category() != null) {
            link.append("&category=").append(encode(query.category()));
        }
        if (query.q() != null) {
            link.append("&q=").append(encode(query.q()));
        }
        link.append("&sort=").append(encode(query.sort().parameter()));
        return link.toString();
    }

    /** Query-component encoding: URLEncoder's form encoding, with spaces as %20 rather than '+'. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
