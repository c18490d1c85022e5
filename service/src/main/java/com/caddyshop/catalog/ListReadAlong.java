package com.caddyshop.catalog;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.readalong.ReadAlong;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/** Names the list-cache keys a {@code GET /api/products?...} will read, so the rate limiter fetches them in its round trip. */
final class ListReadAlong implements ReadAlong {
    private final ProductListCache lists;

    ListReadAlong(ProductListCache lists) {
        this.lists = lists;
    }

    @Override
    public List<String> keysFor(ContainerRequestContext request) {
        if (!HttpMethod.GET.equals(request.getMethod()) || !ProductPaths.isList(request.getUriInfo().getPath())) {
            return List.of();
        }
        MultivaluedMap<String, String> parameters = request.getUriInfo().getQueryParameters();
        ProductQuery query;
        try {
            query = ProductQuery.parse(parameters.getFirst("page"), parameters.getFirst("size"),
                    parameters.getFirst("category"), parameters.getFirst("q"), parameters.getFirst("sort"),
                    parameters.getFirst("after"));
        } catch (ApiException invalid) {
            // The resource answers the 400; nothing to read for it.
            return List.of();
        }
        return lists.readable() ? lists.keys(query) : List.of();
    }
}
