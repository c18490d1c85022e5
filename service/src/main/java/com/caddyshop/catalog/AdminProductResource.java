package com.caddyshop.catalog;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * What admins need besides the public catalog: a product read fresh with its ETag (to edit it with
 * If-Match), stock adjustments, and the product's inventory ledger.
 */
@Path("/api/admin/products")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminProductResource {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private final CatalogService catalog;
    private final Inventory inventory;

    public AdminProductResource(CatalogService catalog, Inventory inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    @GET
    @Timed
    @Path("{id}")
    public Response get(@Auth AuthenticatedUser admin, @PathParam("id") long id) {
        VersionedProduct product = catalog.versioned(id);
        return Response.ok(product.product()).tag(ProductETag.of(product.version())).build();
    }

    @POST
    @Timed
    @Path("{id}/stock-adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response adjustStock(@Auth AuthenticatedUser admin, @PathParam("id") long id,
                                @NotNull @Valid StockAdjustmentRequest request) {
        StockAdjusted adjusted = inventory.adjust(id, request.delta(), request.reason().strip(), admin.id());
        return Response.created(URI.create("/api/admin/products/" + id + "/stock-movements")).entity(adjusted).build();
    }

    @GET
    @Timed
    @Path("{id}/stock-movements")
    public StockMovementPage movements(@Auth AuthenticatedUser admin, @PathParam("id") long id,
                                       @QueryParam("cursor") String cursor, @QueryParam("size") String size) {
        return inventory.movements(id, LedgerCursor.parse(cursor), pageSize(size));
    }

    private static int pageSize(String size) {
        if (size == null || size.isEmpty()) {
            return DEFAULT_PAGE;
        }
        try {
            int value = Integer.parseInt(size);
            if (value >= 1 && value <= MAX_PAGE) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below like an out-of-range value
        }
        throw ApiException.unprocessable("Validation failed",
                List.of(new FieldProblem("size", "must be a whole number from 1 to " + MAX_PAGE)));
    }
}
