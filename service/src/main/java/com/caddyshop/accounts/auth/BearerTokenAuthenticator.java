package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.ratelimit.RequestAttributes;
import com.caddyshop.platform.readalong.ReadAlong;
import io.dropwizard.auth.Authenticator;
import java.util.List;
import java.util.Optional;

/**
 * A bearer token is accepted when it verifies, was not revoked by a logout and carries its account's
 * current token generation ({@link TokenChecks}). What the check reads came with the rate limiter's
 * round trip when the budget was counted in Redis for this request ({@link #checkReadAlong});
 * otherwise it is read in one round trip of its own. A token whose revocation could not be checked
 * is accepted and marked on the request, and admin routes refuse it ({@link AdminRoutesFailClosed}).
 */
public final class BearerTokenAuthenticator implements Authenticator<BearerToken, AuthenticatedUser> {
    private final VerifiedTokens tokens;
    private final TokenChecks checks;

    public BearerTokenAuthenticator(VerifiedTokens tokens, TokenChecks checks) {
        this.tokens = tokens;
        this.checks = checks;
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(BearerToken token) {
        Optional<AuthenticatedUser> user = tokens.verify(RequestAttributes.of(token.request()), token.value());
        if (user.isEmpty()) {
            return user;
        }
        TokenChecks.Outcome outcome = checks.check(user.get(), ReadAlong.fetches(token.request()));
        if (outcome == TokenChecks.Outcome.REVOKED) {
            return Optional.empty();
        }
        if (outcome == TokenChecks.Outcome.UNCHECKED) {
            AdminRoutesFailClosed.markUnchecked(token.request());
        }
        return user;
    }

    /** Names what the check of the token the rate limiter just verified reads, so it is fetched with the budget. */
    public ReadAlong checkReadAlong() {
        return request -> VerifiedTokens.alreadyVerified(RequestAttributes.of(request))
                .map(checks::keys).orElse(List.of());
    }
}
