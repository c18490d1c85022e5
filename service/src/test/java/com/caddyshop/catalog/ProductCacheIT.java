package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.catalog.CatalogHttp.Reply;
import com.caddyshop.platform.db.DatabaseNamespace;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisCommandCounts;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/** The product cache seen from outside: metrics, what Redis holds, invalidation, and life without Redis. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class ProductCacheIT {
    /** This class stops and stalls its Redis, so it has one of its own. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("catalog_cache")
            .redis(() -> REDIS.get().port()).extension();
    static CatalogHttp http;
    static CatalogTestData data;
    static String admin;
    static long category;

    @BeforeAll
    static void setUp() {
        http = new CatalogHttp(APP);
        data = new CatalogTestData(APP);
        admin = TestTokens.create(APP, Role.ADMIN).authorization();
        category = data.category("balls", "Golf balls", 0);
    }

    private static String namespace() {
        return DatabaseNamespace.of(APP.getConfiguration().getDatabase().getUrl());
    }

    private static String key(long id) {
        return ProductCache.keyPrefix(namespace()) + id;
    }

    private static long hits() {
        return metrics().counter("caddy.cache.hits").getCount();
    }

    private static long misses() {
        return metrics().counter("caddy.cache.misses").getCount();
    }

    private static MetricRegistry metrics() {
        return APP.getEnvironment().metrics();
    }

    private static long newProduct(String sku, String price) {
        return data.product(category, sku, "Ball " + sku, price, 10, Instant.now());
    }

    private static Map<String, Object> input(String sku, String name, String price) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categorySlug", "balls");
        body.put("sku", sku);
        body.put("name", name);
        body.put("price", new BigDecimal(price));
        body.put("stock", 10);
        return body;
    }

    @Test
    void theSecondReadIsAHitServedFromRedisWithAJitteredTtl() {
        long id = newProduct("HIT-1", "3.50");
        long hits = hits();
        long misses = misses();
        assertThat(http.get("/api/products/" + id).status()).isEqualTo(200);
        assertThat(misses()).isEqualTo(misses + 1);
        assertThat(hits()).isEqualTo(hits);
        Reply second = http.get("/api/products/" + id);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("price").decimalValue()).isEqualByComparingTo("3.50");
        assertThat(hits()).isEqualTo(hits + 1);
        assertThat(misses()).isEqualTo(misses + 1);

        try (RedisClient redis = REDIS.get().client()) {
            String key = key(id);
            assertThat(redis.get(key)).contains("\"sku\":\"HIT-1\"").contains("\"price\":3.50");
            assertThat(redis.pttl(key)).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(6).toMillis());
        }
        String exported = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus")
                .request().get(String.class);
        assertThat(exported).containsPattern("(?m)^caddy_cache_hits_total [1-9]").containsPattern("(?m)^caddy_cache_misses_total [1-9]");
    }

    @Test
    void aHitIsTheCachedJsonFetchedInTheRateLimitersRoundTrip() {
        long id = newProduct("ONE-TRIP", "4.25");
        assertThat(http.get("/api/products/" + id).status()).as("the miss fills the cache").isEqualTo(200);
        try (RedisClient redis = REDIS.get().client()) {
            // A caller's first request always counts its budget in Redis (later ones may take units
            // reserved then): a new user's request shows the entry read along in that round trip.
            String newCaller = TestTokens.create(APP, Role.CUSTOMER).authorization();
            Reply[] hit = new Reply[1];
            Map<String, Long> commands = RedisCommandCounts.during(redis,
                    () -> hit[0] = http.get("/api/products/" + id, newCaller));

            assertThat(hit[0].status()).isEqualTo(200);
            assertThat(hit[0].header("Content-Type")).startsWith("application/json");
            assertThat(hit[0].raw().body()).as("the cached bytes, not decoded and encoded again").isEqualTo(redis.get(key(id)));
            assertThat(hit[0].body().get("price").decimalValue()).isEqualByComparingTo("4.25");
            assertThat(commands).as("one script call: the budget and the entry").containsExactlyInAnyOrderEntriesOf(
                    Map.of("evalsha", 1L, "incrby", 1L, "pttl", 1L, "pexpire", 1L, "get", 1L));
        }
    }

    @Test
    void aPopularProductIsMostlyAnsweredWithoutAnyRedisCall() {
        long id = newProduct("NO-TRIP", "6.50");
        assertThat(http.get("/api/products/" + id).status()).as("the miss fills the cache").isEqualTo(200);
        String caller = TestTokens.create(APP, Role.CUSTOMER).authorization();
        long hitsBefore = hits();
        try (RedisClient redis = REDIS.get().client()) {
            Map<String, Long> commands = RedisCommandCounts.during(redis, () -> {
                for (int i = 0; i < 20; i++) {
                    assertThat(http.get("/api/products/" + id, caller).body().get("price").decimalValue())
                            .isEqualByComparingTo("6.50");
                }
            });
            // The budgets: the caller's first request and one reservation of units for the rest; the
            // address's budget (signed-in reads count against it too) one reservation more at most,
            // since its units are shared with every caller of the address. The entry: one read into
            // this node's near cache, another each time a copy ages out (1 s).
            assertThat(commands.getOrDefault("evalsha", 0L)).as("budget round trips").isLessThanOrEqualTo(3);
            assertThat(commands.getOrDefault("get", 0L) - commands.getOrDefault("evalsha", 0L))
                    .as("entry reads of their own").isLessThan(10);
        }
        assertThat(hits() - hitsBefore).isEqualTo(20);
    }

    @Test
    void aCachedListPageTakesTheLimitersRoundTripAndOneMget() {
        long first = newProduct("TRIP-L1", "1.00");
        long second = newProduct("TRIP-L2", "2.00");
        String page = "/api/products?q=TRIP-L&sort=price";
        assertThat(http.get(page).productIds()).as("the miss fills the list cache").containsExactly(first, second);
        assertThat(http.get(page).productIds()).as("the first hit fills the product cache").containsExactly(first, second);
        try (RedisClient redis = REDIS.get().client()) {
            String newCaller = TestTokens.create(APP, Role.CUSTOMER).authorization();
            Reply[] hit = new Reply[1];
            Map<String, Long> commands = RedisCommandCounts.during(redis, () -> hit[0] = http.get(page, newCaller));
            assertThat(hit[0].productIds()).containsExactly(first, second);
            assertThat(hit[0].body().get("items").get(1).get("price").decimalValue()).isEqualByComparingTo("2.00");
            assertThat(hit[0].body().get("total").asLong()).isEqualTo(2);
            // The API budget's script reads the list generation, the page and the caller's token entries
            // (revocation, token generation) along; a search also costs its own budget, a second script
            // for a new caller; the products come in one MGET. Each script counts the new user's counter
            // and the address's when this node holds no unit of it (the address is every test client's).
            // EVALSHA, or EVAL where this Redis lost the script (a test before restarted it).
            assertThat(commands.getOrDefault("evalsha", 0L) + commands.getOrDefault("eval", 0L))
                    .as("round trips: two budgets' scripts").isEqualTo(2);
            assertThat(commands.get("get")).as("read along: generation, page, revocation, token generation").isEqualTo(4);
            // The miss read the page's products through the product cache too: within the near cache's
            // second they are this node's copies, after it one MGET.
            assertThat(commands.getOrDefault("mget", 0L)).as("the products").isLessThanOrEqualTo(1L);
            assertThat(commands.get("incrby")).as("counters").isBetween(2L, 4L).isEqualTo(commands.get("pttl"));
            assertThat(commands.keySet()).isSubsetOf("evalsha", "eval", "get", "mget", "incrby", "pttl", "pexpire");
        }
    }

    @Test
    void aListMissFillsItsProductsWithTheJsonItAnsweredButNeverOverATombstone() throws Exception {
        long first = newProduct("FILL-L1", "1.00");
        long second = newProduct("FILL-L2", "2.00");
        long invalidated = newProduct("FILL-L3", "3.00");
        try (RedisClient redis = REDIS.get().client()) {
            // An admin write's invalidation that raced the page's read of the row.
            redis.set(key(invalidated), ProductCache.TOMBSTONE, SetParams.setParams().px(60_000));
            Reply page = http.get("/api/products?q=FILL-L&sort=price");
            assertThat(page.productIds()).containsExactly(first, second, invalidated);
            ObjectMapper mapper = new ObjectMapper();
            for (int i = 0; i < 2; i++) {
                JsonNode answered = page.body().get("items").get(i);
                String key = key(answered.get("id").asLong());
                assertThat(mapper.readTree(redis.get(key))).as("the entry is the JSON the page answered").isEqualTo(answered);
                assertThat(redis.pttl(key)).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(6).toMillis());
            }
            assertThat(page.body().get("items").get(2).get("price").decimalValue()).isEqualByComparingTo("3.00");
            assertThat(redis.get(key(invalidated))).as("answered from the database, not cached").isEqualTo(ProductCache.TOMBSTONE);
        }
    }

    @Test
    void listPagesAreCachedAndEveryAdminWriteRetiresThem() {
        long cheap = newProduct("LST-1", "1.00");
        long dear = newProduct("LST-2", "9.00");
        String page = "/api/products?q=LST-&sort=price";
        assertThat(http.get(page).productIds()).containsExactly(cheap, dear);
        long listHits = metrics().counter("caddy.cache.list.hits").getCount();
        assertThat(http.get(page).productIds()).containsExactly(cheap, dear);
        assertThat(metrics().counter("caddy.cache.list.hits").getCount()).isEqualTo(listHits + 1);

        Reply created = http.post("/api/products", admin, input("LST-3", "Ball LST-3", "5.00"));
        long middle = created.body().get("id").asLong();
        Reply afterCreate = http.get(page);
        assertThat(afterCreate.productIds()).containsExactly(cheap, middle, dear);
        assertThat(afterCreate.body().get("total").asLong()).isEqualTo(3);

        assertThat(http.replace("/api/products/" + cheap, admin, input("LST-1", "Ball LST-1", "20.00")).status()).isEqualTo(200);
        assertThat(http.get(page).productIds()).containsExactly(middle, dear, cheap);

        assertThat(http.delete("/api/products/" + dear, admin).status()).isEqualTo(204);
        Reply afterDelete = http.get(page);
        assertThat(afterDelete.productIds()).containsExactly(middle, cheap);
        assertThat(afterDelete.body().get("total").asLong()).isEqualTo(2);
    }


    @Test
    void theCacheFlushTaskDropsThisDatabasesCatalogEntriesOnly() {
        long id = newProduct("FLUSH-1", "2.00");
        assertThat(http.get("/api/products/" + id).status()).isEqualTo(200);
        assertThat(http.get("/api/products?size=5").status()).isEqualTo(200);
        try (RedisClient redis = REDIS.get().client()) {
            redis.set("caddy:another_database:catalog:v1:product:1", "{}");
            assertThat(redis.exists(key(id))).isTrue();

            try (jakarta.ws.rs.core.Response flushed = APP.client()
                    .target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/cache-flush")
                    .request().post(jakarta.ws.rs.client.Entity.text(""))) {
                assertThat(flushed.getStatus()).isEqualTo(200);
                assertThat(flushed.readEntity(String.class)).startsWith("catalog cache flushed:");
            }

            assertThat(redis.exists(key(id))).isFalse();
            String prefix = "caddy:" + namespace() + ":catalog:*";
            assertThat(redis.keys(prefix)).isEmpty();
            assertThat(redis.exists("caddy:another_database:catalog:v1:product:1")).isTrue();
        }
        long misses = misses();
        assertThat(http.get("/api/products/" + id).status()).isEqualTo(200);
        assertThat(misses()).as("read again from the database").isEqualTo(misses + 1);
    }

    @Test
    void missingIdsAreCachedBrieflyAndStillAnswer404() {
        long unknown = 900_000_000L + System.nanoTime() % 1000;
        long hits = hits();
        assertThat(http.get("/api/products/" + unknown).status()).isEqualTo(404);
        assertThat(http.get("/api/products/" + unknown).status()).isEqualTo(404);
        assertThat(hits()).isEqualTo(hits + 1);
        try (RedisClient redis = REDIS.get().client()) {
            assertThat(redis.get(key(unknown))).isEqualTo(ProductCache.MISSING);
            assertThat(redis.pttl(key(unknown))).isBetween(1L, Duration.ofSeconds(36).toMillis());
        }
    }

    @Test
    void anUpdateIsVisibleOnTheVeryNextRead() {
        long id = newProduct("UPD-1", "5.00");
        http.get("/api/products/" + id);
        long hits = hits();
        assertThat(http.get("/api/products/" + id).body().get("name").asText()).isEqualTo("Ball UPD-1");
        assertThat(hits()).as("cached before the update").isEqualTo(hits + 1);
        assertThat(http.replace("/api/products/" + id, admin, input("UPD-1", "Renamed ball", "6.00")).status()).isEqualTo(200);
        Reply after = http.get("/api/products/" + id);
        assertThat(after.body().get("name").asText()).isEqualTo("Renamed ball");
        assertThat(after.body().get("price").decimalValue()).isEqualByComparingTo("6.00");
    }

    @Test
    void anInvalidationThatRedisCouldNotTakeIsWrittenBeforeRedisIsReadAgain() {
        long id = newProduct("STALL-1", "7.00");
        http.get("/api/products/" + id);
        try (RedisClient redis = REDIS.get().client()) {
            assertThat(redis.get(key(id))).contains("Ball STALL-1");
            // Writes stall longer than the client's socket timeout: the update's invalidation fails,
            // while the stale entry stays in Redis, as in a network partition.
            redis.sendCommand(Protocol.Command.CLIENT, "PAUSE", "1500", "WRITE");
        }
        assertThat(http.replace("/api/products/" + id, admin, input("STALL-1", "Changed during stall", "7.00")).status()).isEqualTo(200);
        assertThat(http.get("/api/products/" + id).body().get("name").asText()).isEqualTo("Changed during stall");
        Await.until("writes accepted again", Duration.ofSeconds(10), () -> {
            try (RedisClient redis = REDIS.get().client()) {
                redis.set("caddy:test:probe", "1");
                return true;
            }
        });
        // Until reads are served from Redis again, every answer along the way must be the new name.
        Await.until("product reads served from Redis again", Duration.ofSeconds(15), () -> {
            long before = hits();
            assertThat(http.get("/api/products/" + id).body().get("name").asText()).isEqualTo("Changed during stall");
            return hits() > before;
        });
    }

    @Test
    void withRedisStoppedReadsWorkAndAdminWritesWaitForIt() {
        long id = newProduct("DOWN-1", "8.00");
        http.get("/api/products/" + id);
        long errors = metrics().counter("caddy.cache.errors").getCount();
        REDIS.get().stop();
        try {
            for (int i = 0; i < 5; i++) {
                Reply read = http.get("/api/products/" + id);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.body().get("sku").asText()).isEqualTo("DOWN-1");
            }
            assertThat(http.get("/api/products").status()).isEqualTo(200);
            assertThat(http.get("/api/products/987654321").status()).isEqualTo(404);
            assertThat(metrics().counter("caddy.cache.errors").getCount()).isGreaterThan(errors);
            // Admin routes fail closed while a logged-out admin token cannot be told from a live one.
            Reply refused = http.put("/api/products/" + id, admin, input("DOWN-1", "Changed while down", "8.00"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(http.get("/api/products/" + id).body().get("name").asText()).isEqualTo("Ball DOWN-1");
        } finally {
            REDIS.get().restart();
        }
        Await.until("cache hits again after Redis is back", Duration.ofSeconds(15), () -> {
            long before = hits();
            http.get("/api/products/" + id);
            http.get("/api/products/" + id);
            return hits() > before;
        });
        // Budgets are counted on this node alone for a pause after a Redis error; the tests after this
        // one count Redis round trips, so it ends only once the budgets are in Redis again.
        Await.until("rate limiting through Redis again", Duration.ofSeconds(15), () -> {
            http.get("/api/categories");
            try (RedisClient redis = REDIS.get().client()) {
                return !redis.keys("caddy:rl:*").isEmpty();
            }
        });
        assertThat(http.replace("/api/products/" + id, admin, input("DOWN-1", "Changed after", "8.00")).status()).isEqualTo(200);
        assertThat(http.get("/api/products/" + id).body().get("name").asText()).isEqualTo("Changed after");
    }
}
