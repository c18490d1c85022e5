package com.caddyshop.accounts.auth;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.platform.readalong.ReadAlong;
import com.codahale.metrics.Counter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import redis.clients.jedis.UnifiedJedis;

/**
 * Whether a verified access token still stands: not revoked by its logout, and issued at its
 * account's current token generation. Both come from Redis in one read: fetched along with the
 * request's rate-limit round trip when there was one, otherwise one MGET. A missing generation copy
 * is loaded from the database (once per account per {@link TokenGenerations#TTL} across the fleet),
 * and so is one older than the token's (a bump whose publication Redis missed: the first token of
 * the new generation corrects the copy for all).
 *
 * <p>When Redis cannot answer, the generation is read from the database instead (so a disabled or
 * demoted account is still shut out), but a single token's logout cannot be seen: the outcome is
 * {@link Outcome#UNCHECKED}, which customer routes accept and admin routes refuse with 503
 * ({@link AdminRoutesFailClosed}). Such checks are counted ({@code caddy_auth_revocation_unchecked_total}).
 */
public final class TokenChecks {
    /** What is known about a token after its check. */
    public enum Outcome { VALID, REVOKED, UNCHECKED }

    private final UnifiedJedis redis;
    private final TokenGenerations generations;
    private final Counter unchecked;

    public TokenChecks(UnifiedJedis redis, TokenGenerations generations, Counter unchecked) {
        this.redis = redis;
        this.generations = generations;
        this.unchecked = unchecked;
    }

    /** The Redis keys a check of this token reads, for fetching them along with the rate limiter's round trip. */
    public List<String> keys(AuthenticatedUser user) {
        return List.of(RevokedTokens.key(user.tokenId()), generations.key(user.id()));
    }

    public Outcome check(AuthenticatedUser user, ReadAlong.Fetches fetches) {
        List<String> keys = keys(user);
        Optional<ReadAlong.Fetched> revocation = fetches.find(keys.get(0));
        Optional<ReadAlong.Fetched> generation = fetches.find(keys.get(1));
        String revoked;
        String stored;
        if (revocation.isPresent() && generation.isPresent()) {
            revoked = revocation.get().value();
            stored = generation.get().value();
        } else {
            List<String> values;
            try {
                values = redis.mget(keys.get(0), keys.get(1));
            } catch (RuntimeException redisDown) {
                unchecked.inc();
                return current(user, generations.fromDatabase(user.id())) ? Outcome.UNCHECKED : Outcome.REVOKED;
            }
            revoked = values.get(0);
            stored = values.get(1);
        }
        if (revoked != null) {
            return Outcome.REVOKED;
        }
        OptionalLong copy = TokenGenerations.parse(stored);
        if (copy.isPresent() && copy.getAsLong() >= user.tokenGeneration()) {
            return copy.getAsLong() == user.tokenGeneration() ? Outcome.VALID : Outcome.REVOKED;
        }
        // No copy, or one older than the token: a bump whose publication Redis missed. The database decides.
        return current(user, generations.load(user.id())) ? Outcome.VALID : Outcome.REVOKED;
    }

    /**
     * Issued at the account's generation. A token from a later generation than the stored one (a
     * database restored from a backup) is not trusted either.
     */
    private static boolean current(AuthenticatedUser user, OptionalLong generation) {
        return generation.isPresent() && generation.getAsLong() == user.tokenGeneration();
    }
}
