package com.caddyshop.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/categories")
@Produces(MediaType.APPLICATION_JSON)
public final class CategoryResource {
    private final CatalogService catalog;

    public CategoryResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** A body of its own, not a bare array, so fields can be added later without breaking clients. */
    public record Categories(List<CategoryView> items) {
    }

    @GET
    public Categories list() {
        return new Categories(catalog.categories());
    }
}
