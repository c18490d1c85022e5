package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.ratelimit.RequestAttributes;
import java.time.Clock;
import java.util.Optional;

/**
 * Verifies a bearer token at most once per request, and a good token only once while it lives
 * ({@link AcceptedTokens}). The rate limiter asks whose a token is before authentication asks whether
 * it is good; both need the same signature and claims check, which is the costliest step of an
 * authenticated request, so its result is kept on the request.
 */
public final class VerifiedTokens {
    static final String PROPERTY = VerifiedTokens.class.getName();

    private final AcceptedTokens tokens;

    public VerifiedTokens(AccessTokens tokens) {
        this(new AcceptedTokens(tokens::verify, Clock.systemUTC()));
    }

    VerifiedTokens(AcceptedTokens tokens) {
        this.tokens = tokens;
    }

    /** The token's user, or empty for a token that does not verify. */
    public Optional<AuthenticatedUser> verify(RequestAttributes request, String token) {
        if (request.get(PROPERTY) instanceof Verified earlier && earlier.token().equals(token)) {
            return Optional.ofNullable(earlier.user());
        }
        Optional<AuthenticatedUser> user = tokens.verify(token);
        request.set(PROPERTY, new Verified(token, user.orElse(null)));
        return user;
    }

    /** The user of a token verified earlier in this request, without verifying anything. */
    public static Optional<AuthenticatedUser> alreadyVerified(RequestAttributes request) {
        return request.get(PROPERTY) instanceof Verified earlier ? Optional.ofNullable(earlier.user()) : Optional.empty();
    }

    /** {@code user} is null for a token that did not verify. */
    private record Verified(String token, AuthenticatedUser user) {
    }
}
