package com.caddyshop.accounts.auth;

import com.caddyshop.platform.cache.RedisGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Access tokens revoked by logout, remembered in Redis (shared by every node) until they would
 * have expired anyway. {@link TokenChecks} reads them.
 */
public final class RevokedTokens {
    private static final String PREFIX = "auth:revoked:";

    private final UnifiedJedis redis;
    private final RedisGuard guard;
    private final Clock clock;

    /** {@code guard}: only writes go through it, and a guard never skips those, so its pause does not matter here. */
    public RevokedTokens(UnifiedJedis redis, RedisGuard guard, Clock clock) {
        this.redis = redis;
        this.guard = guard;
        this.clock = clock;
    }

    /** Returns false when Redis could not record it (the caller may report that). */
    public boolean revoke(String tokenId, Instant expiresAt) {
        long ttlMillis = Duration.between(clock.instant(), expiresAt).toMillis() + 60_000;
        if (ttlMillis <= 0) {
            return true;
        }
        return guard.write(() -> redis.set(key(tokenId), "1", SetParams.setParams().px(ttlMillis)));
    }

    /** The key a revocation is kept under. */
    public static String key(String tokenId) {
        return PREFIX + tokenId;
    }
}
