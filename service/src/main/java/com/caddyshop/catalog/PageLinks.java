package com.caddyshop.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds a product page's links from the validated query, so they carry only known parameters.
 * Pages up to {@link ProductQuery#MAX_PAGE} link by number; the next page after that, and every
 * next page of a cursor page, links by keyset cursor ({@code after=} the id of this page's last
 * product), so a client walking {@code next} never makes the database skip rows. A cursor only goes
 * forward: a page deeper than {@code MAX_PAGE + 1} has no {@code prev} (go back with {@code first}).
 */
final class PageLinks {
    private PageLinks() {
    }

    static ProductPage.Links of(String path, ProductQuery query, long total) {
        return of(path, query, total, null, 0);
    }

    /**
     * {@code lastId}: the id of the page's last product (null for an empty page); {@code shown}: how
     * many products the page has. A cursor page's number is only a label, so whether it has a next
     * page is told by the page itself: a full page has one.
     */
    static ProductPage.Links of(String path, ProductQuery query, long total, Long lastId, int shown) {
        long pages = Math.max(1, (total + query.size() - 1) / query.size());
        String next = null;
        int nextPage = query.page() + 1;
        if (query.after() != null) {
            if (lastId != null && shown >= query.size()) {
                next = link(path, query, nextPage, lastId);
            }
        } else if (query.page() < pages) {
            if (nextPage <= ProductQuery.MAX_PAGE) {
                next = link(path, query, nextPage, null);
            } else if (lastId != null && query.q() == null) {
                next = link(path, query, nextPage, lastId);
            }
        }
        String prev = null;
        int prevPage = (int) Math.min(query.page() - 1L, pages);
        // A cursor page's number is a label: only a page right after the numbered ones links back by number.
        boolean reachable = query.after() == null || query.page() - 1 <= ProductQuery.MAX_PAGE;
        if (query.page() > 1 && prevPage <= ProductQuery.MAX_PAGE && reachable) {
            prev = link(path, query, prevPage, null);
        }
        return new ProductPage.Links(link(path, query, query.page(), query.after()), next, prev, link(path, query, 1, null));
    }

    private static String link(String path, ProductQuery query, int page, Long after) {
        StringBuilder link = new StringBuilder(path).append("?page=").append(page).append("&size=").append(query.size());
        if (query.category() != null) {
            link.append("&category=").append(encode(query.category()));
        }
        if (query.q() != null) {
            link.append("&q=").append(encode(query.q()));
        }
        link.append("&sort=").append(encode(query.sort().parameter()));
        if (after != null) {
            link.append("&after=").append(after);
        }
        return link.toString();
    }

    /** Query-component encoding: URLEncoder's form encoding, with spaces as %20 rather than '+'. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
