package com.caddyshop.catalog;

import com.caddyshop.platform.readalong.ReadAlong;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/** Names the cache entry a {@code GET /api/products/{id}} will read, so the rate limiter fetches it in its round trip. */
final class ProductReadAlong implements ReadAlong {
    private final ProductCache cache;

    ProductReadAlong(ProductCache cache) {
        this.cache = cache;
    }

    @Override
    public List<String> keysFor(ContainerRequestContext request) {
        if (!HttpMethod.GET.equals(request.getMethod())) {
            return List.of();
        }
        Long id = ProductPaths.productId(request.getUriInfo().getPath());
        return id == null || !cache.readable() ? List.of() : List.of(cache.key(id));
    }
}
