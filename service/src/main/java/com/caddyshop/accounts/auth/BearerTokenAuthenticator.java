package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.ratelimit.ReadAlong;
import com.caddyshop.platform.ratelimit.RequestAttributes;
import io.dropwizard.auth.Authenticator;
import java.util.List;
import java.util.Optional;

/**
 * A bearer token is accepted when it verifies and was not revoked by a logout. Its revocation entry
 * came with the rate limiter's round trip when the budget was counted in Redis for this request
 * ({@link #revocationReadAlong}); otherwise it is read on its own.
 */
public final class BearerTokenAuthenticator implements Authenticator<BearerToken, AuthenticatedUser> {
    private final VerifiedTokens tokens;
    private final RevokedTokens revoked;

    public BearerTokenAuthenticator(VerifiedTokens tokens, RevokedTokens revoked) {
        this.tokens = tokens;
        this.revoked = revoked;
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(BearerToken token) {
        return tokens.verify(RequestAttributes.of(token.request()), token.value())
                .filter(user -> !revoked.isRevoked(user.tokenId(), ReadAlong.fetches(token.request())));
    }

    /** Names the revocation entry of the token the rate limiter just verified, so it is fetched with the budget. */
    public static ReadAlong revocationReadAlong() {
        return request -> VerifiedTokens.alreadyVerified(RequestAttributes.of(request))
                .map(user -> List.of(RevokedTokens.key(user.tokenId()))).orElse(List.of());
    }
}
