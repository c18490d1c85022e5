package com.caddyshop.accounts;

import com.caddyshop.platform.ratelimit.ClientAddresses;
import com.caddyshop.platform.ratelimit.RateLimitHeaders;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's own account under {@code /api/users/me}. */
@Path("/api/users/me")
@Produces(MediaType.APPLICATION_JSON)
public final class UserResource {
    private final AccountService accounts;
    private final SessionService sessions;
    private final LoginThrottle throttle;

    public UserResource(AccountService accounts, SessionService sessions, LoginThrottle throttle) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
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

    /**
     * A new password: every session of the account ends (every device signs in again) and the
     * caller gets the tokens of a new one. Counted against the login budgets of the account.
     */
    @PUT
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(@Auth AuthenticatedUser user, @Context HttpServletRequest http,
                                   @NotNull @Valid PasswordChange body) {
        String address = ClientAddresses.resolvedFor(http);
        RateLimitHeaders.remember(http, throttle.check(address, EmailAddresses.normalise(user.email())));
        return AuthResource.tokens(sessions.changePassword(user, body, AuthResource.client(http, address)));
    }
}
