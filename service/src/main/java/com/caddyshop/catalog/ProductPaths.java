package com.caddyshop.catalog;

/**
 * Recognises {@link ProductResource}'s routes in a raw request path, for the code that acts before
 * Jersey has matched the request (the cached-product filter, the read-alongs). Derived from
 * {@link ProductResource#PATH}, so the route is declared in one place.
 */
final class ProductPaths {
    /** The list route as a request path comes, relative: {@code api/products}. */
    private static final String LIST = ProductResource.PATH.substring(1);
    private static final String ONE_PREFIX = LIST + "/";
    /** Ids are positive longs: at most 19 digits. */
    private static final int MAX_ID_DIGITS = 19;

    private ProductPaths() {
    }

    /** The id of a single-product path ({@code api/products/42}, with or without the leading slash), else null. */
    static Long productId(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        if (!path.startsWith(ONE_PREFIX, start)) {
            return null;
        }
        String digits = path.substring(start + ONE_PREFIX.length());
        if (digits.isEmpty() || digits.length() > MAX_ID_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException beyondLong) {
            return null;
        }
    }

    /** Whether the path is the product list ({@code api/products}, with or without the leading slash). */
    static boolean isList(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        return path.length() == start + LIST.length() && path.startsWith(LIST, start);
    }
}
