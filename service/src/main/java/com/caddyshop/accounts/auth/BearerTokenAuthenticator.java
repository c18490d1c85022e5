package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** A bearer token is accepted when it verifies and was not revoked by a logout. */
public final class BearerTokenAuthenticator implements Authenticator<String, AuthenticatedUser> {
    private final AccessTokens tokens;
    private final RevokedTokens revoked;

    public BearerTokenAuthenticator(AccessTokens tokens, RevokedTokens revoked) {
        this.tokens = tokens;
        this.revoked = revoked;
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(String token) {
        return tokens.verify(token).filter(user -> !revoked.isRevoked(user.tokenId()));
    }
}
