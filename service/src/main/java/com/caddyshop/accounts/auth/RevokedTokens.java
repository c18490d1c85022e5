package com.caddyshop.accounts.auth;

import com.caddyshop.platform.ratelimit.ReadAlong;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Access tokens revoked by logout, remembered in Redis (shared by every node) until they would
 * have expired anyway. If Redis cannot answer, a token counts as not revoked: the token is short
 * lived, its refresh token is revoked in the database, and refusing every request while Redis is
 * away would take the shop down with its cache. Such checks are counted.
 */
public final class RevokedTokens {
    private static final Logger LOG = LoggerFactory.getLogger(RevokedTokens.class);
    private static final String PREFIX = "auth:revoked:";

    private final UnifiedJedis redis;
    private final Clock clock;
    private final Counter unverified;

    public RevokedTokens(UnifiedJedis redis, Clock clock, MetricRegistry metrics) {
        this.redis = redis;
        this.clock = clock;
        this.unverified = metrics.counter("caddy.auth.revocation_unchecked");
    }

    /** Returns false when Redis could not record it (the caller may report that). */
    public boolean revoke(String tokenId, Instant expiresAt) {
        long ttlMillis = Duration.between(clock.instant(), expiresAt).toMillis() + 60_000;
        if (ttlMillis <= 0) {
            return true;
        }
        try {
            redis.set(key(tokenId), "1", SetParams.setParams().px(ttlMillis));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not record a revoked token in Redis: {}", e.toString());
            return false;
        }
    }

    /** The key a revocation is kept under, for reading it along with the rate limiter's round trip. */
    public static String key(String tokenId) {
        return PREFIX + tokenId;
    }

    /** Uses the entry fetched along with the request's budget when there is one, otherwise asks Redis. */
    public boolean isRevoked(String tokenId, ReadAlong.Fetches fetches) {
        Optional<ReadAlong.Fetched> fetched = fetches.find(key(tokenId));
        return fetched.isPresent() ? fetched.get().value() != null : isRevoked(tokenId);
    }

    public boolean isRevoked(String tokenId) {
        try {
            return redis.exists(key(tokenId));
        } catch (RuntimeException e) {
            unverified.inc();
            return false;
        }
    }
}
