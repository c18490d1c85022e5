package com.caddyshop.platform.health;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The guide's health endpoints on the application port. HAProxy checks {@code /health}. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final HealthService health;

    public HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Timed
    public Response health() {
        HealthService.Status status = health.overall();
        return respond(HealthService.servesTraffic(status), new Summary(status));
    }

    @GET
    @Timed
    @Path("/status")
    public Response status() {
        HealthService.StatusReport report = health.status();
        return respond(HealthService.servesTraffic(report.status()), report);
    }

    @GET
    @Timed
    @Path("/database")
    public Response database() {
        return single("database");
    }

    @GET
    @Timed
    @Path("/redis")
    public Response redis() {
        return single("redis");
    }

    private Response single(String name) {
        HealthService.CheckReport report = health.check(name);
        return respond(report.status() == HealthService.Status.UP, report);
    }

    private static Response respond(boolean ok, Object body) {
        return Response.status(ok ? 200 : 503).cacheControl(NO_STORE).entity(body).build();
    }

    /** The tiny body of {@code /health}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(HealthService.Status status) {
    }
}
