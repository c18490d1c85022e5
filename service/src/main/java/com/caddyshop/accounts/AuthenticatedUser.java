package com.caddyshop.accounts;

import java.security.Principal;
import java.time.Instant;

/**
 * The caller behind a verified access token, as resources receive it through {@code @Auth}.
 * {@code tokenId} (the JWT's {@code jti}) and {@code tokenExpiresAt} let logout revoke exactly this token;
 * {@code tokenGeneration} is the account's token generation the token was issued at (a token of an
 * older generation than the account's is no longer accepted). {@code emailVerifiedWhenIssued}: the
 * account's address was verified when the token was issued; false says nothing about now (the account
 * may have verified since), so {@link VerifiedEmailRequirement} reads the database for such a token.
 */
public record AuthenticatedUser(long id, String email, Role role, String tokenId, Instant tokenExpiresAt,
                                long tokenGeneration, boolean emailVerifiedWhenIssued) implements Principal {

    @Override
    public String getName() {
        return email;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
