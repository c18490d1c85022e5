package com.caddyshop.orders;

import com.caddyshop.accounts.AuthenticatedUser;
import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The caller's own orders: checkout, list, read, cancel. */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final CheckoutService checkout;
    private final OrderQueries queries;
    private final OrderTransitions transitions;

    public OrderResource(CheckoutService checkout, OrderQueries queries, OrderTransitions transitions) {
        this.checkout = checkout;
        this.queries = queries;
        this.transitions = transitions;
    }

    /** Checkout. The body is optional; the response body is the stored text so a replay is identical. */
    @POST
    @Timed
    public Response checkout(@Auth AuthenticatedUser user,
                             @HeaderParam(IdempotencyKeys.HEADER) @Size(min = 1, max = 128)
                             @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be visible ASCII characters")
                             String idempotencyKey,
                             @Valid CheckoutRequest request) {
        CheckoutResult result = checkout.checkout(user, idempotencyKey,
                request == null ? CheckoutRequest.EMPTY : request);
        Response.ResponseBuilder response = Response.status(result.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(result.body()).location(URI.create("/api/orders/" + result.orderId()));
        if (result.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Timed
    public OrderPage list(@Auth AuthenticatedUser user, @QueryParam("page") String page,
                          @QueryParam("size") String size) {
        return queries.mine(user.id(), Paging.of(page, size));
    }

    @GET
    @Timed
    @Path("/{id}")
    public OrderView get(@Auth AuthenticatedUser user, @PathParam("id") long id) {
        return queries.mine(user.id(), id);
    }

    @POST
    @Timed
    @Path("/{id}/cancel")
    public OrderView cancel(@Auth AuthenticatedUser user, @PathParam("id") long id) {
        return transitions.cancel(user.id(), id);
    }
}
