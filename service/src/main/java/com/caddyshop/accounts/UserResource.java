package com.caddyshop.accounts;

import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's own account under {@code /api/users/me}. */
@Path("/api/users/me")
@Produces(MediaType.APPLICATION_JSON)
public final class UserResource {
    private final AccountService accounts;

    public UserResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    public UserView me(@Auth AuthenticatedUser user) {
        return accounts.me(user.id());
    }

    @PUT
    @Path("/profile")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProfileView updateProfile(@Auth AuthenticatedUser user, @NotNull @Valid ProfileUpdate body) {
        return accounts.updateProfile(user.id(), body);
    }
}
