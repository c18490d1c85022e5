package com.caddyshop.accounts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.accounts.Role;
import com.caddyshop.platform.cache.RedisGuard;
import com.caddyshop.platform.readalong.ReadAlong;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisServer;
import com.codahale.metrics.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Token checks against a real Redis, with the database stood in for by a map whose reads are
 * counted: the database is read only when Redis has no usable copy of the generation, never per
 * request; a bump published on one "node" is seen by another on its next check; Redis being down
 * still checks the generation (from the database) and says the revocation is unchecked.
 */
@ExtendWith(RealServers.class)
class TokenChecksIT {
    final Map<Long, Long> database = new ConcurrentHashMap<>();
    final AtomicInteger databaseReads = new AtomicInteger();
    final Counter unchecked = new Counter();
    final String namespace = "checks_" + UUID.randomUUID().toString().replace("-", "");
    RedisClient redis;

    @BeforeEach
    void connect() {
        redis = RedisClient.create(new HostAndPort("127.0.0.1", RealServers.redis().port()));
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private TokenGenerations generations(RedisClient client) {
        return new TokenGenerations(client, namespace, userId -> {
            databaseReads.incrementAndGet();
            Long stored = database.get(userId);
            return stored == null ? OptionalLong.empty() : OptionalLong.of(stored);
        });
    }

    private TokenChecks node(RedisClient client) {
        return new TokenChecks(client, generations(client), unchecked);
    }

    private static RevokedTokens revokedTokens(RedisClient client, Counter unrecorded) {
        return new RevokedTokens(client, new RedisGuard("token revocation", Duration.ZERO, System::nanoTime, unrecorded),
                Clock.systemUTC());
    }

    private static AuthenticatedUser token(long userId, long generation) {
        return new AuthenticatedUser(userId, "u@example.com", Role.CUSTOMER, UUID.randomUUID().toString(),
                Instant.now().plusSeconds(900), generation, false);
    }

    @Test
    void theDatabaseIsReadOnceThenNeverPerRequest() {
        database.put(1L, 0L);
        TokenChecks checks = node(redis);
        AuthenticatedUser user = token(1, 0);
        assertThat(checks.check(user, ReadAlong.Fetches.NONE)).isEqualTo(TokenChecks.Outcome.VALID);
        assertThat(databaseReads.get()).as("the copy was missing").isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            assertThat(checks.check(token(1, 0), ReadAlong.Fetches.NONE)).isEqualTo(TokenChecks.Outcome.VALID);
        }
        assertThat(databaseReads.get()).as("the copy in Redis answers the next checks").isEqualTo(1);
        // What the rate limiter fetched along is used as it is: no read of its own at all.
        ReadAlong.Fetches fetched = new ReadAlong.Fetches(List.of(new ReadAlong.Fetched(checks.keys(user).get(0), null),
                new ReadAlong.Fetched(checks.keys(user).get(1), "0")));
        assertThat(checks.check(user, fetched)).isEqualTo(TokenChecks.Outcome.VALID);
        assertThat(databaseReads.get()).isEqualTo(1);
    }

    @Test
    void aBumpPublishedByOneNodeEndsTheTokenOnAnotherAtOnce() {
        database.put(2L, 0L);
        TokenChecks nodeA = node(redis);
        try (RedisClient other = RedisClient.create(new HostAndPort("127.0.0.1", RealServers.redis().port()))) {
            TokenChecks nodeB = node(other);
            AuthenticatedUser user = token(2, 0);
            assertThat(nodeB.check(user, ReadAlong.Fetches.NONE)).isEqualTo(TokenChecks.Outcome.VALID);

            database.put(2L, 1L);
            assertThat(generations(redis).publish(2, 1)).isTrue();

            assertThat(nodeB.check(user, ReadAlong.Fetches.NONE)).as("node B, right after node A's bump")
                    .isEqualTo(TokenChecks.Outcome.REVOKED);
            assertThat(nodeA.check(token(2, 1), ReadAlong.Fetches.NONE)).isEqualTo(TokenChecks.Outcome.VALID);
        }
    }

    @Test
    void anOlderCopyCannotOverwriteANewerOne() {
        TokenGenerations generations = generations(redis);
        generations.publish(3, 5);
        generations.publish(3, 4);
        assertThat(redis.get(generations.key(3))).isEqualTo("5");
        assertThat(redis.pttl(generations.key(3))).isPositive().isLessThanOrEqualTo(TokenGenerations.TTL.toMillis());
    }

    @Test
    void aBumpRedisMissedIsCorrectedByTheFirstTokenOfTheNewGeneration() {
        database.put(4L, 0L);
        TokenChecks checks = node(redis);
        AuthenticatedUser old = token(4, 0);
        assertThat(checks.check(old, ReadAlong.Fetches.NONE)).isEqualTo(TokenChecks.Outcome.VALID);
        database.put(4L, 1L); // bumped, but never published

        assertThat(checks.check(token(4, 1), ReadAlong.Fetches.NONE)).as("newer than the copy: the database decides")
                .isEqualTo(TokenChecks.Outcome.VALID);
        assertThat(checks.check(old, ReadAlong.Fetches.NONE)).as("the copy is corrected for every node")
                .isEqualTo(TokenChecks.Outcome.REVOKED);
        assertThat(checks.check(token(4, 7), ReadAlong.Fetches.NONE)).as("a generation the account never had")
                .isEqualTo(TokenChecks.Outcome.REVOKED);
        assertThat(checks.check(token(999, 0), ReadAlong.Fetches.NONE)).as("an account that does not exist")
                .isEqualTo(TokenChecks.Outcome.REVOKED);
    }

    @Test
    void aLoggedOutTokenIsRevoked() {
        database.put(5L, 0L);
        TokenChecks checks = node(redis);
        AuthenticatedUser user = token(5, 0);
        assertThat(revokedTokens(redis, new Counter()).revoke(user.tokenId(), user.tokenExpiresAt())).isTrue();
        assertThat(checks.check(user, ReadAlong.Fetches.NONE)).isEqualTo(TokenChecks.Outcome.REVOKED);
        assertThat(checks.check(token(5, 0), ReadAlong.Fetches.NONE)).isEqualTo(TokenChecks.Outcome.VALID);
    }

    @Test
    void withRedisDownTheGenerationComesFromTheDatabaseAndTheRevocationIsUnchecked() {
        RedisServer own = RedisServer.start();
        try (RedisClient client = own.client()) {
            database.put(6L, 2L);
            TokenChecks checks = node(client);
            own.stop();
            assertThat(checks.check(token(6, 2), ReadAlong.Fetches.NONE)).isEqualTo(TokenChecks.Outcome.UNCHECKED);
            assertThat(checks.check(token(6, 1), ReadAlong.Fetches.NONE)).as("a bumped generation still shows")
                    .isEqualTo(TokenChecks.Outcome.REVOKED);
            assertThat(unchecked.getCount()).isEqualTo(2);
        } finally {
            RealServers.stop(own);
        }
    }

    @Test
    void withRedisDownALogoutIsNotRecordedAndSaysSo() {
        RedisServer own = RedisServer.start();
        try (RedisClient client = own.client()) {
            Counter unrecorded = new Counter();
            RevokedTokens revoked = revokedTokens(client, unrecorded);
            own.stop();
            AuthenticatedUser user = token(7, 0);
            assertThat(revoked.revoke(user.tokenId(), user.tokenExpiresAt())).as("not recorded, and no exception").isFalse();
            assertThat(revoked.revoke(user.tokenId(), user.tokenExpiresAt())).as("every logout tries Redis again").isFalse();
            assertThat(unrecorded.getCount()).isEqualTo(2);
        } finally {
            RealServers.stop(own);
        }
    }
}
