package com.caddyshop.accounts.admin;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.ratelimit.ClientAddresses;
import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/** Accounts, for admins: search and page through them, read one, disable or enable it, change its role. */
@Path("/api/admin/users")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AdminUserResource {
    private final AdminUserService users;

    public AdminUserResource(AdminUserService users) {
        this.users = users;
    }

    /** {@code q}: the start of the e-mail address; {@code after}: the {@code next} of the previous page. */
    @GET
    @Timed
    public UserPage list(@QueryParam("q") String q, @QueryParam("role") String role, @QueryParam("status") String status,
                         @QueryParam("after") String after, @QueryParam("limit") String limit) {
        ListParameters parameters = new ListParameters();
        UserFilter filter = UserFilter.of(parameters.text("q", q), parameters.oneOf("role", role, Set.of("CUSTOMER", "ADMIN")),
                parameters.oneOf("status", status, Set.of("ACTIVE", "DISABLED")), parameters.id("after", after));
        int size = parameters.limit(limit);
        parameters.validated();
        return users.list(filter, size);
    }

    @GET
    @Timed
    @Path("/{id}")
    public AdminUserView get(@PathParam("id") long id) {
        return users.get(id);
    }

    @PUT
    @Timed
    @Path("/{id}/status")
    public AdminUserView changeStatus(@Auth AuthenticatedUser admin, @Context HttpServletRequest http,
                                      @PathParam("id") long id, @NotNull @Valid StatusChange change) {
        return users.changeStatus(admin, id, change, ClientAddresses.resolvedFor(http));
    }

    @PUT
    @Timed
    @Path("/{id}/role")
    public AdminUserView changeRole(@Auth AuthenticatedUser admin, @Context HttpServletRequest http,
                                    @PathParam("id") long id, @NotNull @Valid RoleChange change) {
        return users.changeRole(admin, id, change, ClientAddresses.resolvedFor(http));
    }
}
