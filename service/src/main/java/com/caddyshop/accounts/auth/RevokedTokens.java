package com.caddyshop.accounts.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Access tokens revoked by logout, remembered in Redis (shared by every node) until they would
 * have expired anyway. {@link TokenChecks} reads them.
 */
public final class RevokedTokens {
    private static final Logger LOG = LoggerFactory.getLogger(RevokedTokens.class);
    private static final String PREFIX = "auth:revoked:";

    private final UnifiedJedis redis;
    private final Clock clock;

    public RevokedTokens(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
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

    /** The key a revocation is kept under. */
    public static String key(String tokenId) {
        return PREFIX + tokenId;
    }
}
