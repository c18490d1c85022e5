package com.caddyshop.catalog;

import com.caddyshop.platform.readalong.ReadAlong;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/** Names the cache entry a {@code GET /api/products/{id}} will read, so the rate limiter fetches it in its round trip. */
final class ProductReadAlong implements ReadAlong {
    private static final String PREFIX = "api/products/";
    /** Ids are positive longs: at most 19 digits. */
    private static final int MAX_ID_DIGITS = 19;

    private final ProductCache cache;

    ProductReadAlong(ProductCache cache) {
        this.cache = cache;
    }

    @Override
    public List<String> keysFor(ContainerRequestContext request) {
        if (!HttpMethod.GET.equals(request.getMethod())) {
            return List.of();
        }
        Long id = productId(request.getUriInfo().getPath());
        return id == null || !cache.readable() ? List.of() : List.of(cache.key(id));
    }

    /** The id of a single-product path ({@code api/products/42}, with or without the leading slash), else null. */
    static Long productId(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        if (!path.startsWith(PREFIX, start)) {
            return null;
        }
        String digits = path.substring(start + PREFIX.length());
        if (digits.isEmpty() || digits.length() > MAX_ID_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException beyondLong) {
            return null;
        }
    }
}
