package com.caddyshop.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A category as {@code GET /api/categories} lists it; {@code parentId} is absent for top-level ones. */
public record CategoryView(
        long id,
        String slug,
        String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long parentId,
        int sortOrder) {
}
