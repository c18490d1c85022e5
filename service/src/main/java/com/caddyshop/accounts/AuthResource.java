package com.caddyshop.accounts;

import com.caddyshop.platform.ratelimit.ClientAddresses;
import com.caddyshop.platform.ratelimit.RateLimitHeaders;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Registration, login, refresh, logout and log out everywhere under {@code /api/auth}. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AuthResource {
    private final AccountService accounts;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final RegistrationThrottle registrations;

    public AuthResource(AccountService accounts, SessionService sessions, LoginThrottle throttle,
                        RegistrationThrottle registrations) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.registrations = registrations;
    }

    @POST
    @Path("/register")
    public Response register(@Context HttpServletRequest http, @NotNull @Valid RegisterRequest body) {
        RateLimitHeaders.remember(http, registrations.check(ClientAddresses.resolvedFor(http)));
        return Response.created(URI.create("/api/users/me")).entity(accounts.register(body)).build();
    }

    @POST
    @Path("/login")
    public Response login(@Context HttpServletRequest http, @NotNull @Valid LoginRequest body) {
        String address = ClientAddresses.resolvedFor(http);
        RateLimitHeaders.remember(http, throttle.check(address, EmailAddresses.normalise(body.email())));
        return tokens(sessions.login(body, client(http, address)));
    }

    @POST
    @Path("/refresh")
    public Response refresh(@Context HttpServletRequest http, @NotNull @Valid RefreshRequest body) {
        return tokens(sessions.refresh(body.refreshToken(), client(http, ClientAddresses.resolvedFor(http))));
    }

    @POST
    @Path("/logout")
    public Response logout(@Auth AuthenticatedUser user, @Valid LogoutRequest body) {
        sessions.logout(user, body == null ? null : body.refreshToken());
        return Response.noContent().build();
    }

    /** Every session of the caller's account ends, and every access token of it on every node. */
    @POST
    @Path("/logout-all")
    public Response logoutEverywhere(@Auth AuthenticatedUser user) {
        sessions.logoutEverywhere(user);
        return Response.noContent().build();
    }

    static ClientInfo client(HttpServletRequest http, String address) {
        return new ClientInfo(address, http.getHeader(HttpHeaders.USER_AGENT));
    }

    /** Token responses must not be cached by any intermediary (RFC 6749, section 5.1). */
    static Response tokens(TokenResponse tokens) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(tokens).cacheControl(noStore).header("Pragma", "no-cache").build();
    }
}
