package com.caddyshop.cart;

import com.caddyshop.accounts.AuthenticatedUser;
import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's own cart; every answer is the whole cart with server-computed totals. */
@Path("/api/cart")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CartResource {
    private final CartService cart;

    public CartResource(CartService cart) {
        this.cart = cart;
    }

    @GET
    @Timed
    public CartView get(@Auth AuthenticatedUser user) {
        return cart.view(user.id());
    }

    @PUT
    @Timed
    @Path("/items/{productId}")
    public CartView put(@Auth AuthenticatedUser user, @PathParam("productId") long productId,
                        @NotNull @Valid SetQuantityRequest request) {
        return cart.setQuantity(user.id(), productId, request.quantity());
    }

    @DELETE
    @Timed
    @Path("/items/{productId}")
    public CartView delete(@Auth AuthenticatedUser user, @PathParam("productId") long productId) {
        return cart.remove(user.id(), productId);
    }
}
