package com.caddyshop.orders;

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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every order, for admins: search (customer, status, date range; keyset pages), read, move through the
 * state machine, ship with a tracking number, refund (in parts or whole; the order view lists the refunds).
 */
@Path("/api/admin/orders")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminOrderResource {
    private static final Logger LOG = LoggerFactory.getLogger(AdminOrderResource.class);

    private final OrderQueries queries;
    private final OrderTransitions transitions;

    public AdminOrderResource(OrderQueries queries, OrderTransitions transitions) {
        this.queries = queries;
        this.transitions = transitions;
    }

    @GET
    @Timed
    public AdminOrderPage search(@QueryParam("customer") String customer, @QueryParam("email") String email,
                                 @QueryParam("status") String status,
                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("after") String after, @QueryParam("limit") String limit) {
        return queries.search(OrderSearch.parse(customer, email, status, from, to, after, limit));
    }

    @GET
    @Timed
    @Path("/{id}")
    public OrderView get(@PathParam("id") long id) {
        return queries.any(id);
    }

    @POST
    @Timed
    @Path("/{id}/status")
    public OrderView changeStatus(@Auth AuthenticatedUser admin, @PathParam("id") long id,
                                  @NotNull @Valid StatusChangeRequest request) {
        OrderView order = transitions.moveTo(id, parse(request.status(), "status"), admin.id(), request.reason());
        // Who moved which order is worth keeping: there is no audit table yet, so the log is the record
        // (a refund also records its admin in order_refunds).
        LOG.info("admin {} moved order {} to {}", admin.id(), id, order.status());
        return order;
    }

    /** PAID to SHIPPED with the carrier and tracking number, mailed to the customer. */
    @POST
    @Timed
    @Path("/{id}/fulfilment")
    public OrderView ship(@Auth AuthenticatedUser admin, @PathParam("id") long id,
                          @NotNull @Valid ShipmentRequest shipment) {
        OrderView order = transitions.ship(id, shipment);
        LOG.info("admin {} shipped order {} with {} {}", admin.id(), id, shipment.carrier(), shipment.trackingNumber());
        return order;
    }

    /**
     * Records a refund (all that is left, or the amount asked) of a paid order against its payment; once the
     * refunds add up to the total, a PAID order is also cancelled. Answers the admin view, refunds listed.
     */
    @POST
    @Timed
    @Path("/{id}/refund")
    public OrderView refund(@Auth AuthenticatedUser admin, @PathParam("id") long id, @Valid RefundRequest request) {
        OrderView order = transitions.refund(id, admin.id(), request == null ? null : request.reason(),
                request == null ? null : request.amount());
        LOG.info("admin {} refunded order {}: {} of {} {} refunded now", admin.id(), id, order.refundedAmount(),
                order.totalAmount(), order.currency());
        return queries.any(id);
    }

    private static OrderStatus parse(String status, String field) {
        return OrderStatus.parse(status).orElseThrow(() -> ApiException.unprocessable("Validation failed",
                List.of(new FieldProblem(field, "must be one of " + OrderStatus.allNames()))));
    }
}
