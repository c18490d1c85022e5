package com.caddyshop.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.Await;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisCommandCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Budget units reserved a few at a time ({@link LeasingRateLimiter}), two "nodes" on one real Redis:
 * small budgets are counted exactly, no more than the limit is ever let through across nodes, a busy
 * caller costs few round trips, and neither an ended window's units nor a refusal outlive Redis.
 */
@ExtendWith(RealServers.class)
class RateLimitLeasingIT {
    static RedisClient redis;

    @BeforeAll
    static void connect() {
        redis = RedisClient.create(new HostAndPort("127.0.0.1", RealServers.redis().port()));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private static LeasingRateLimiter node() {
        return new LeasingRateLimiter(new RedisFixedWindowLimiter(redis));
    }

    private static String caller(String name) {
        return name + "-" + System.nanoTime();
    }

    @Test
    void aSmallBudgetIsCountedExactlyAcrossNodes() {
        RateLimit policy = new RateLimit("lease-small", 5, Duration.ofMinutes(5));
        LeasingRateLimiter a = node();
        LeasingRateLimiter b = node();
        String caller = caller("small");
        for (int i = 1; i <= 5; i++) {
            RateLimitDecision decision = (i % 2 == 1 ? a : b).consume(policy, caller);
            assertThat(decision.allowed()).as("request %d", i).isTrue();
            assertThat(decision.remaining()).as("request %d", i).isEqualTo(5 - i);
        }
        assertThat(a.consume(policy, caller).allowed()).isFalse();
        assertThat(b.consume(policy, caller).allowed()).isFalse();
    }

    @Test
    void twoBudgetsOfOneRequestAreCountedTogetherExactlyInOneRoundTrip() {
        RateLimit perUser = new RateLimit("lease-user", 5, Duration.ofMinutes(5));
        RateLimit perAddress = new RateLimit("lease-address", 3, Duration.ofMinutes(5));
        LeasingRateLimiter a = node();
        LeasingRateLimiter b = node();
        String user = caller("user");
        String here = caller("here");
        List<Charge> fromHere = List.of(new Charge(perUser, user), new Charge(perAddress, here));
        for (int i = 1; i <= 3; i++) {
            LeasingRateLimiter node = i % 2 == 1 ? a : b;
            int request = i;
            Map<String, Long> commands = RedisCommandCounts.during(redis,
                    () -> assertThat(node.consumeAndRead(fromHere, List::of).decision().allowed()).as("request %d", request).isTrue());
            assertThat(commands).as("both counters, one script").containsEntry("evalsha", 1L).containsEntry("incrby", 2L);
        }
        RateLimitDecision refused = a.consumeAndRead(fromHere, List::of).decision();
        assertThat(refused.allowed()).as("the address's budget").isFalse();
        assertThat(refused.limit()).isEqualTo(3);

        // The refused request counted against the user too: 4 of 5 used.
        List<Charge> fromElsewhere = List.of(new Charge(perUser, user), new Charge(perAddress, caller("elsewhere")));
        assertThat(b.consumeAndRead(fromElsewhere, List::of).decision().allowed()).isTrue();
        RateLimitDecision spent = a.consumeAndRead(fromElsewhere, List::of).decision();
        assertThat(spent.allowed()).as("the user's budget, from any address").isFalse();
        assertThat(spent.limit()).isEqualTo(5);
        assertThat(redis.get(RedisFixedWindowLimiter.key(perUser, user))).isEqualTo("6");
        assertThat(redis.get(RedisFixedWindowLimiter.key(perAddress, here))).isEqualTo("4");
    }

    @Test
    void concurrentCallersOnTwoNodesNeverGetMoreThanTheLimit() throws Exception {
        int limit = 3_000;
        RateLimit policy = new RateLimit("lease-race", limit, Duration.ofMinutes(5));
        List<LeasingRateLimiter> nodes = List.of(node(), node());
        String caller = caller("race");
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int requests = 2 * limit;
        Map<String, Long> commands;
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                LeasingRateLimiter node = nodes.get(t % 2);
                work.add(() -> {
                    for (int i = 0; i < requests / 8; i++) {
                        if (node.consume(policy, caller).allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            commands = RedisCommandCounts.during(redis, () -> {
                try {
                    for (Future<Void> done : pool.invokeAll(work)) {
                        done.get();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            pool.shutdownNow();
        }
        assertThat(allowed.get()).as("never above the limit").isLessThanOrEqualTo(limit);
        // Units a node still held when its caller was refused on the other are lost: at most one
        // reservation per node, a sixteenth of what was left, and never more than MAX_CHUNK.
        assertThat(allowed.get()).as("and not far below it").isGreaterThanOrEqualTo(limit - 2 * LeasingRateLimiter.MAX_CHUNK);
        long roundTrips = commands.getOrDefault("evalsha", 0L) + commands.getOrDefault("eval", 0L);
        // Near the limit every request goes to Redis again (one unit at a time, and every refusal).
        assertThat(roundTrips).as("round trips for %d requests", requests).isLessThan(requests * 2L / 3);
    }

    @Test
    void aBusyCallerCostsARoundTripPerReservationNotPerRequest() {
        RateLimit policy = new RateLimit("lease-busy", 1_000_000, Duration.ofMinutes(5));
        LeasingRateLimiter node = node();
        String caller = caller("busy");
        Map<String, Long> commands = RedisCommandCounts.during(redis, () -> {
            for (int i = 0; i < 200; i++) {
                assertThat(node.consume(policy, caller).allowed()).isTrue();
            }
        });
        // The first request counts itself alone; then MAX_CHUNK units per reservation.
        long expected = 1 + (long) Math.ceil(199.0 / LeasingRateLimiter.MAX_CHUNK);
        assertThat(commands.getOrDefault("evalsha", 0L)).isEqualTo(expected);
        assertThat(redis.get(RedisFixedWindowLimiter.key(policy, caller)))
                .as("Redis counted the reserved units").isEqualTo(Long.toString(1 + (expected - 1) * LeasingRateLimiter.MAX_CHUNK));
    }

    @Test
    void unitsHeldFromAnEndedWindowAreNotUsed() {
        RateLimit policy = new RateLimit("lease-window", 1_000_000, Duration.ofMillis(300));
        LeasingRateLimiter node = node();
        String caller = caller("window");
        node.consume(policy, caller);
        node.consume(policy, caller);
        String key = RedisFixedWindowLimiter.key(policy, caller);
        Await.until("the window to end in Redis", Duration.ofSeconds(10), () -> !redis.exists(key));
        Map<String, Long> commands = RedisCommandCounts.during(redis,
                () -> assertThat(node.consume(policy, caller).remaining()).as("a new window").isEqualTo(1_000_000 - 1));
        assertThat(commands.getOrDefault("evalsha", 0L)).as("counted in Redis, not from the old units").isEqualTo(1);
    }

    @Test
    void aRefusalIsNotRememberedSoDeletingTheCounterFreesTheCaller() {
        RateLimit policy = new RateLimit("lease-refusal", 3, Duration.ofMinutes(5));
        LeasingRateLimiter node = node();
        String caller = caller("refused");
        for (int i = 0; i < 3; i++) {
            assertThat(node.consume(policy, caller).allowed()).isTrue();
        }
        assertThat(node.consume(policy, caller).allowed()).isFalse();
        redis.del(RedisFixedWindowLimiter.key(policy, caller));
        RateLimitDecision freed = node.consume(policy, caller);
        assertThat(freed.allowed()).isTrue();
        assertThat(freed.remaining()).isEqualTo(2);
    }
}
