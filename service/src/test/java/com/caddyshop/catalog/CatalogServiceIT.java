package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.platform.cache.NearCache;
import com.caddyshop.platform.cache.RedisGuard;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.readalong.ReadAlong;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/** The contract the cart and orders features rely on, exercised in Java against real MariaDB and Redis. */
@ExtendWith(RealServers.class)
class CatalogServiceIT {
    static final String NAMESPACE = "catalog_service_" + System.nanoTime();
    static TestDatabase db;
    static Jdbi jdbi;
    static RedisClient redis;
    static CatalogService catalog;
    static Inventory inventory;
    static RetryableTransactions transactions;
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    static MetricRegistry metrics = new MetricRegistry();
    static long category;

    @BeforeAll
    static void setUp() throws Exception {
        db = RealServers.newDatabase("catalog_service");
        Migrations.apply(db);
        jdbi = Jdbi.create(Migrations.dataSource(db)).installPlugin(new SqlObjectPlugin());
        transactions = new RetryableTransactions(jdbi, metrics);
        redis = RedisClient.create(new HostAndPort("127.0.0.1", RealServers.redis().port()));
        RedisGuard guard = new RedisGuard("catalog cache", Duration.ofSeconds(1), System::nanoTime, metrics.counter("errors"));
        ProductCache cache = new ProductCache(redis, NAMESPACE, JSON,
                CatalogFeature.PRODUCT_TTL, CatalogFeature.MISSING_TTL, CatalogFeature.TOMBSTONE_MILLIS, guard,
                new NearCache<>(CatalogFeature.NEAR_TTL.toNanos(), CatalogFeature.NEAR_MAX_PRODUCTS, System::nanoTime),
                metrics.counter("hits"), metrics.counter("misses"));
        ProductListCache lists = new ProductListCache(redis, NAMESPACE, JSON, CatalogFeature.LIST_TTL, guard,
                new NearCache<>(CatalogFeature.NEAR_TTL.toNanos(), CatalogFeature.NEAR_MAX_LISTS, System::nanoTime),
                metrics.counter("list.hits"), metrics.counter("list.misses"));
        inventory = new Inventory(jdbi, transactions, cache);
        catalog = new CatalogService(jdbi, transactions, cache, lists,
                new ImageStore(jdbi, transactions, 1024), inventory,
                new SearchPlanner(metrics.counter("search.narrowed"), metrics.counter("search.walked")));
        category = jdbi.withHandle(h -> h.createUpdate("INSERT INTO categories (slug, name) VALUES ('balls', 'Balls')")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @AfterAll
    static void tearDown() {
        redis.close();
    }

    private static long product(String sku, int stock) {
        return jdbi.withHandle(h -> {
            long id = h.createUpdate("""
                            INSERT INTO products (category_id, sku, name, price, stock) VALUES (:c, :sku, :sku, 2.50, :stock)""")
                    .bind("c", category).bind("sku", sku).bind("stock", stock)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.attach(ProductDao.class).indexName(id);
            return id;
        });
    }

    private static int stock(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT stock FROM products WHERE id = :id").bind("id", id).mapTo(Integer.class).one());
    }

    @Test
    void findAllReturnsActiveProductsByIdInOneCall() {
        long a = product("FA-1", 1);
        long b = product("FA-2", 1);
        long gone = product("FA-3", 1);
        jdbi.useHandle(h -> h.execute("UPDATE products SET active = 0 WHERE id = ?", gone));
        Map<Long, ProductView> found = catalog.findAll(List.of(a, b, gone, 987654321L, a));
        assertThat(found).containsOnlyKeys(a, b);
        assertThat(found.get(a).price()).isEqualByComparingTo("2.50");
        assertThat(catalog.findAll(List.of())).isEmpty();
    }

    @Test
    void reserveTakesStockOrReportsTheShortIds() {
        long plenty = product("RS-1", 5);
        long scarce = product("RS-2", 1);
        long inactive = product("RS-3", 9);
        jdbi.useHandle(h -> h.execute("UPDATE products SET active = 0 WHERE id = ?", inactive));

        List<Long> shortIds = transactions.inTransaction(tx -> inventory.reserve(tx, Map.of(plenty, 2, scarce, 1)));
        assertThat(shortIds).isEmpty();
        assertThat(stock(plenty)).isEqualTo(3);
        assertThat(stock(scarce)).isZero();

        List<Long> failed = transactions.inTransaction(tx -> {
            List<Long> ids = inventory.reserve(tx, Map.of(plenty, 1, scarce, 1, inactive, 1, 987654321L, 1));
            tx.rollback();
            return ids;
        });
        assertThat(failed).containsExactly(scarce, inactive, 987654321L);
        assertThat(stock(plenty)).as("rolled back by the caller").isEqualTo(3);

        assertThatThrownBy(() -> transactions.inTransaction(tx -> inventory.reserve(tx, Map.of(plenty, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releaseGivesStockBackAndEvictMakesItVisible() {
        long id = product("RL-1", 4);
        assertThat(catalog.find(id)).get().extracting(ProductView::stock).isEqualTo(4);
        transactions.useTransaction(tx -> inventory.reserve(tx, Map.of(id, 3)));
        assertThat(catalog.find(id)).get().extracting(ProductView::stock).as("cached until evicted").isEqualTo(4);
        catalog.evict(List.of(id));
        assertThat(catalog.find(id)).get().extracting(ProductView::stock).isEqualTo(1);

        transactions.useTransaction(tx -> inventory.release(tx, 1L, Map.of(id, 3), StockMovementKind.CANCEL, null));
        catalog.evict(List.of(id));
        assertThat(catalog.find(id)).get().extracting(ProductView::stock).isEqualTo(4);
    }

    /** The stock figures a list page shows, from its products' JSON. */
    private static List<Integer> listedStock(ProductQuery query) {
        return catalog.list(query, ReadAlong.Fetches.NONE).itemsJson().stream().map(item -> {
            try {
                return JSON.readTree(item).get("stock").asInt();
            } catch (JsonProcessingException e) {
                throw new AssertionError("a listed product is no JSON: " + item, e);
            }
        }).toList();
    }

    @Test
    void aCachedListPageShowsStockChangesOnceTheProductsAreEvicted() {
        long id = product("LIST-1", 6);
        ProductQuery query = ProductQuery.parse(null, "100", null, "LIST-1", null);
        assertThat(listedStock(query)).containsExactly(6);
        long listHits = metrics.counter("list.hits").getCount();
        assertThat(listedStock(query)).containsExactly(6);
        assertThat(metrics.counter("list.hits").getCount()).as("served from the list cache").isEqualTo(listHits + 1);

        transactions.useTransaction(tx -> inventory.reserve(tx, Map.of(id, 4)));
        catalog.evict(List.of(id));
        assertThat(listedStock(query)).containsExactly(2);
        assertThat(metrics.counter("list.hits").getCount()).as("stock changes keep the list cached").isEqualTo(listHits + 2);
    }

    @Test
    void concurrentReservationsNeverOversellAndNeverDeadlock() throws Exception {
        long hot = product("HOT-1", 10);
        long other = product("HOT-2", 1000);
        int buyers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                // Half the buyers list the products in the other order: the service must lock in id order anyway.
                Map<Long, Integer> cart = i % 2 == 0 ? Map.of(hot, 1, other, 1) : Map.of(other, 1, hot, 1);
                Callable<Boolean> buy = () -> {
                    start.await();
                    return transactions.inTransaction(tx -> {
                        List<Long> shortIds = inventory.reserve(tx, cart);
                        if (!shortIds.isEmpty()) {
                            tx.rollback();
                            return false;
                        }
                        return true;
                    });
                };
                results.add(pool.submit(buy));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> result : results) {
                if (result.get(60, TimeUnit.SECONDS)) {
                    succeeded++;
                }
            }
            assertThat(succeeded).isEqualTo(10);
            assertThat(stock(hot)).isZero();
            assertThat(stock(other)).isEqualTo(990);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Readers of five pages of a filter whose total is not cached: one of them counts, the other four wait
     * for its COUNT (held open here until they all wait) instead of each counting the same rows.
     */
    @Test
    void concurrentFirstReadsOfAFiltersPagesShareOneCount() throws Exception {
        long totals = jdbi.withHandle(h -> h.createUpdate("INSERT INTO categories (slug, name) VALUES ('totals', 'Totals')")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        for (int i = 0; i < 12; i++) {
            long id = product("TOTAL-" + i, 1);
            jdbi.useHandle(h -> h.execute("UPDATE products SET category_id = ? WHERE id = ?", totals, id));
        }
        AtomicInteger counts = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        jdbi.getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                if (context.getRenderedSql().contains("COUNT(*)")) {
                    counts.incrementAndGet();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        ExecutorService readers = Executors.newFixedThreadPool(5);
        try {
            List<Future<ProductSlice>> pages = new ArrayList<>();
            for (int page = 1; page <= 5; page++) {
                ProductQuery query = new ProductQuery(page, 2, "totals", null, ProductSort.NEWEST);
                pages.add(readers.submit(() -> catalog.list(query, ReadAlong.Fetches.NONE)));
            }
            Await.until("one COUNT running and the four other readers waiting for it", Duration.ofSeconds(30),
                    () -> counts.get() == 1 && catalog.readersWaitingForTotals() == 4);
            release.countDown();
            for (Future<ProductSlice> page : pages) {
                ProductSlice slice = page.get(30, TimeUnit.SECONDS);
                assertThat(slice.total()).isEqualTo(12);
                assertThat(slice.itemsJson()).hasSize(2);
            }
            assertThat(counts).hasValue(1);
        } finally {
            jdbi.getConfig(SqlStatements.class).setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
            release.countDown();
            readers.shutdownNow();
        }
    }
}
