package com.caddyshop.accounts.admin;

import com.codahale.metrics.annotation.Timed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** What admins did to accounts, newest first, for admins to read; optionally about one account ({@code userId}). */
@Path("/api/admin/audit")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminAuditResource {
    private final AdminUserService users;

    public AdminAuditResource(AdminUserService users) {
        this.users = users;
    }

    @GET
    @Timed
    public AuditPage list(@QueryParam("userId") String userId, @QueryParam("after") String after,
                          @QueryParam("limit") String limit) {
        ListParameters parameters = new ListParameters();
        Long user = parameters.id("userId", userId);
        Long cursor = parameters.id("after", after);
        int size = parameters.limit(limit);
        parameters.validated();
        return users.audit(user, cursor, size);
    }
}
