package com.caddyshop.catalog;

import com.caddyshop.accounts.AuthenticatedUser;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Browsing products (anyone) and managing them (admins). */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
public final class ProductResource {
    static final String PATH = "/api/products";

    private final CatalogService catalog;

    public ProductResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    public ProductPage list(@QueryParam("page") String page, @QueryParam("size") String size,
                            @QueryParam("category") String category, @QueryParam("q") String q,
                            @QueryParam("sort") String sort) {
        ProductQuery query = ProductQuery.parse(page, size, category, q, sort);
        ProductSlice slice = catalog.list(query);
        return new ProductPage(slice.items(), query.page(), query.size(), slice.total(),
                PageLinks.of(PATH, query, slice.total()));
    }

    @GET
    @Path("{id}")
    public ProductView get(@PathParam("id") long id) {
        return catalog.get(id);
    }

    @POST
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth AuthenticatedUser admin, @NotNull @Valid ProductInput input) {
        ProductView created = catalog.create(input);
        return Response.created(URI.create(PATH + "/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProductView update(@Auth AuthenticatedUser admin, @PathParam("id") long id,
                              @NotNull @Valid ProductInput input) {
        return catalog.update(id, input);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("ADMIN")
    public Response delete(@Auth AuthenticatedUser admin, @PathParam("id") long id) {
        catalog.delete(id);
        return Response.noContent().build();
    }
}
