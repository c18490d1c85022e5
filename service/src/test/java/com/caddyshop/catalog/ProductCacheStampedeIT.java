package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.platform.cache.NearCache;
import com.caddyshop.platform.cache.RedisGuard;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.RealServers;
import com.codahale.metrics.Counter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/** Stampede protection and the invalidation race, with a controllable loader in place of the database. */
@ExtendWith(RealServers.class)
class ProductCacheStampedeIT {
    static final String NAMESPACE = "stampede_" + System.nanoTime();
    static RedisClient redis;
    static ProductCache cache;
    final AtomicInteger loads = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void setUp() {
        redis = RedisClient.create(new HostAndPort("127.0.0.1", RealServers.redis().port()));
        cache = new ProductCache(redis, NAMESPACE, new ObjectMapper().registerModule(new JavaTimeModule()),
                CatalogFeature.PRODUCT_TTL, CatalogFeature.MISSING_TTL, CatalogFeature.TOMBSTONE_MILLIS,
                new RedisGuard("catalog cache", Duration.ofSeconds(1), System::nanoTime, new Counter()),
                new NearCache<>(0, 0, System::nanoTime), new Counter(), new Counter());
    }

    @AfterAll
    static void tearDown() {
        redis.close();
    }

    private static long freshId() {
        return 7_000_000_000L + System.nanoTime() % 1_000_000_000L;
    }

    private static ProductView product(long id, String name) {
        return new ProductView(id, "balls", "SKU-" + id, name, null, new BigDecimal("1.00"), 1, null,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A database stand-in that blocks until released, returning {@code name}. */
    private LongFunction<Optional<ProductView>> slowLoader(String name) {
        return id -> {
            loads.incrementAndGet();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(product(id, name));
        };
    }

    @Test
    void concurrentMissesShareOneLoad() throws Exception {
        long id = freshId();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Optional<ProductView>>> reads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                reads.add(pool.submit(() -> cache.get(id, slowLoader("loaded once"))));
            }
            Await.until("19 readers waiting on the first one's load", Duration.ofSeconds(20),
                    () -> loads.get() == 1 && cache.waitingFor(id) == 19);
            release.countDown();
            for (Future<Optional<ProductView>> read : reads) {
                assertThat(read.get(20, TimeUnit.SECONDS)).get().extracting(ProductView::name).isEqualTo("loaded once");
            }
            assertThat(loads).hasValue(1);
            assertThat(cache.get(id, ignored -> {
                throw new AssertionError("served from Redis, no load");
            })).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLoadThatRacedAnInvalidationCannotRefillTheOldValue() throws Exception {
        long id = freshId();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<ProductView>> early = pool.submit(() -> cache.get(id, slowLoader("old row")));
            Await.until("the early load is running", Duration.ofSeconds(20), () -> loads.get() == 1);
            // The write commits and invalidates while the early reader still holds the old row.
            cache.invalidate(List.of(id));
            assertThat(cache.get(id, i -> Optional.of(product(i, "new row")))).get()
                    .extracting(ProductView::name).as("a reader after the write does not join the old load").isEqualTo("new row");
            release.countDown();
            assertThat(early.get(20, TimeUnit.SECONDS)).get().extracting(ProductView::name).isEqualTo("old row");
            assertThat(redis.get(cache.key(id))).as("the old row was not put back").isEqualTo(ProductCache.TOMBSTONE);
            assertThat(cache.get(id, i -> Optional.of(product(i, "new row")))).get()
                    .extracting(ProductView::name).isEqualTo("new row");
        } finally {
            pool.shutdownNow();
        }
    }
}
