package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** A bearer token is accepted when it verifies and was not revoked by a logout. */
public final class BearerTokenAuthenticator implements Authenticator<BearerToken, AuthenticatedUser> {
    private final VerifiedTokens tokens;
    private final RevokedTokens revoked;

    public BearerTokenAuthenticator(VerifiedTokens tokens, RevokedTokens revoked) {
        this.tokens = tokens;
        this.revoked = revoked;
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(BearerToken token) {
        return tokens.verify(token.request(), token.value()).filter(user -> !revoked.isRevoked(user.tokenId()));
    }
}
