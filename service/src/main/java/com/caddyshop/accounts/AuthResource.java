package com.caddyshop.accounts;

import com.caddyshop.mail.MailLanguage;
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

/** Registration, login, refresh, logout and log out everywhere under {@code /api/auth}. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AuthResource {
    static final String REGISTERED = "Check your mailbox: we sent a mail to this address to finish signing up";
    static final String RESET_REQUESTED =
            "If an account exists for this address, a link to choose a new password is on its way; it works for 30 minutes";

    /** The body of a 202: what happens next, the same whatever the outcome. */
    public record Accepted(String message) {
    }

    private final AccountService accounts;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final AddressThrottle registrations;
    private final PasswordResets resets;
    private final ResetThrottle resetThrottle;

    AuthResource(AccountService accounts, SessionService sessions, LoginThrottle throttle,
                 AddressThrottle registrations, PasswordResets resets, ResetThrottle resetThrottle) {
        this.resets = resets;
        this.resetThrottle = resetThrottle;
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.registrations = registrations;
    }

    @POST
    @Path("/register")
    public Response register(@Context HttpServletRequest http, @NotNull @Valid RegisterRequest body) {
        RateLimitHeaders.remember(http, registrations.check(ClientAddresses.resolvedFor(http)));
        resetThrottle.checkMailbox(EmailAddresses.normalise(body.email()));
        accounts.register(body, MailLanguage.fromAcceptLanguage(http.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
        return Response.accepted(new Accepted(REGISTERED)).build();
    }

    /**
     * Mails a reset link if the address has an active account. Always 202 with the same body, so the
     * answer does not tell whether an account exists.
     */
    @POST
    @Path("/password-reset")
    public Response requestPasswordReset(@Context HttpServletRequest http, @NotNull @Valid PasswordResetRequest body) {
        String email = EmailAddresses.normalise(body.email());
        RateLimitHeaders.remember(http, resetThrottle.check(ClientAddresses.resolvedFor(http), email));
        resets.request(email);
        return Response.accepted(new Accepted(RESET_REQUESTED)).build();
    }

    /**
     * Confirms the account's address with the token of its verification mail. Only the API budget
     * applies: the token is 256 random bits and checking it costs no password hash.
     */
    @POST
    @Path("/verify-email")
    public Response verifyEmail(@NotNull @Valid EmailVerification body) {
        accounts.verifyEmail(body.token());
        return Response.noContent().build();
    }

    /** Sets the new password with the mailed token; every session of the account ends. */
    @POST
    @Path("/password-reset/confirm")
    public Response confirmPasswordReset(@Context HttpServletRequest http,
                                         @NotNull @Valid PasswordResetConfirmation body) {
        RateLimitHeaders.remember(http, resetThrottle.check(ClientAddresses.resolvedFor(http)));
        resets.reset(body);
        return Response.noContent().build();
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
