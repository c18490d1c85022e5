package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Access tokens this node has verified, with their users, until they expire. An app sends the same
 * token with every request for the token's whole life, and checking its signature and claims again
 * each time (nimbus parses the JWT, computes the HMAC, parses the claims' JSON) was about 6 % of the
 * request threads' CPU in a checkout profile, more than any one piece of our own code.
 *
 * <p>Only tokens that verified are kept, so a stream of forged or malformed tokens cannot fill the
 * cache, and each of them is still checked in full. A kept token is answered from here only while the
 * verifier would still accept it: before its expiry plus the allowed clock skew, on the same system
 * clock nimbus-jose-jwt reads; after that the verifier decides again (and refuses). The keys are fixed
 * for the life of the process (a secret rotation restarts the service with the new set), so a token
 * that verified once verifies again until it expires. What can change while a token lives (a logout,
 * a new token generation) is not cached here: {@link TokenChecks} asks on every request.
 */
final class AcceptedTokens {
    /** About 0.6 KB each (the token, its user, the cache's node): at most some 12 MB of heap. */
    static final int MAX_TOKENS = 20_000;

    private final Function<String, Optional<AuthenticatedUser>> verifier;
    private final Clock clock;
    private final Cache<String, AuthenticatedUser> accepted;

    AcceptedTokens(Function<String, Optional<AuthenticatedUser>> verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.accepted = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.creating((String token, AuthenticatedUser user) -> untilRefused(user)))
                .build();
    }

    /** The token's user, or empty for a token the verifier refuses. */
    Optional<AuthenticatedUser> verify(String token) {
        AuthenticatedUser known = accepted.getIfPresent(token);
        if (known != null) {
            if (!untilRefused(known).isZero()) {
                return Optional.of(known);
            }
            accepted.invalidate(token);
        }
        Optional<AuthenticatedUser> user = verifier.apply(token);
        // A token at the very edge of its life gets a zero expiry from the cache and is not kept.
        user.ifPresent(good -> accepted.put(token, good));
        return user;
    }

    /** How long the verifier will still accept the token: nimbus accepts while exp + skew is after now. */
    private Duration untilRefused(AuthenticatedUser user) {
        Instant refusedFrom = user.tokenExpiresAt().plusSeconds(AccessTokens.MAX_CLOCK_SKEW_SECONDS);
        Duration left = Duration.between(clock.instant(), refusedFrom);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
