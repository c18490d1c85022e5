package com.caddyshop.catalog;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.ratelimit.CallerBudget;
import com.caddyshop.platform.readalong.ReadAlong;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Browsing products (anyone) and managing them (admins). */
@Path(ProductResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public final class ProductResource {
    /** The products' route; everything that must recognise it before Jersey does derives from this ({@link ProductPaths}). */
    static final String PATH = "/api/products";

    private final CatalogService catalog;
    private final CallerBudget searches;

    /** {@code searches}: the budget a search ({@code q}) costs on top of the API's. */
    public ProductResource(CatalogService catalog, CallerBudget searches) {
        this.catalog = catalog;
        this.searches = searches;
    }

    @GET
    public ProductPage list(@QueryParam("page") String page, @QueryParam("size") String size,
                            @QueryParam("category") String category, @QueryParam("q") String q,
                            @QueryParam("sort") String sort, @QueryParam("after") String after,
                            @Context ContainerRequestContext request) {
        ProductQuery query = ProductQuery.parse(page, size, category, q, sort, after);
        if (query.q() != null) {
            searches.charge(request);
        }
        ProductSlice slice = catalog.list(query, ReadAlong.fetches(request));
        return ProductPage.of(slice.itemsJson(), query.page(), query.size(), slice.total(), slice.totalExact(),
                PageLinks.of(PATH, query, slice.total(), slice.lastId(), slice.itemsJson().size()));
    }

    /**
     * The product's JSON as the cache holds it (the same bytes Jackson writes for a {@link ProductView}):
     * the hottest read of the shop skips decoding and re-encoding it. Most hits never get here:
     * {@link CachedProductFilter} answers them in front of Jersey.
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return Response.ok(catalog.productJson(id, ReadAlong.fetches(request)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth AuthenticatedUser admin, @NotNull @Valid ProductInput input) {
        VersionedProduct created = catalog.create(input, admin.id());
        return Response.created(URI.create(PATH + "/" + created.product().id())).tag(ProductETag.of(created.version()))
                .entity(created.product()).build();
    }

    /** Replaces the product's fields if it is still the version the admin read: If-Match is required. */
    @PUT
    @Path("{id}")
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@Auth AuthenticatedUser admin, @PathParam("id") long id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid ProductInput input) {
        VersionedProduct updated = catalog.update(id, ifMatch, input);
        return Response.ok(updated.product()).tag(ProductETag.of(updated.version())).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("ADMIN")
    public Response delete(@Auth AuthenticatedUser admin, @PathParam("id") long id) {
        catalog.delete(id);
        return Response.noContent().build();
    }
}
