package com.caddyshop.accounts;

import java.security.Principal;
import java.time.Instant;

/**
 * The caller behind a verified access token, as resources receive it through {@code @Auth}.
 * {@code tokenId} (the JWT's {@code jti}) and {@code tokenExpiresAt} let logout revoke exactly this token.
 */
public record AuthenticatedUser(long id, String email, Role role, String tokenId, Instant tokenExpiresAt)
        implements Principal {

    @Override
    public String getName() {
        return email;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
