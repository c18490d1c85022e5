package com.caddyshop.catalog;

import com.caddyshop.platform.Platform;
import com.caddyshop.platform.cache.CacheTtl;
import com.caddyshop.platform.cache.NearCache;
import com.caddyshop.platform.cache.RedisGuard;
import com.caddyshop.platform.config.ThrottlerSettings;
import com.caddyshop.platform.db.SqlObjects;
import com.caddyshop.platform.ratelimit.ApiBudget;
import com.caddyshop.platform.ratelimit.CallerBudget;
import com.caddyshop.platform.ratelimit.RateLimit;
import com.caddyshop.platform.ratelimit.RateLimiting;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.glassfish.jersey.media.multipart.MultiPartFeature;

/** Wires the catalog: cache, image store, inventory, services and resources. Returns the services for other features. */
public final class CatalogFeature {
    /** Long enough to take most reads off the database; invalidation keeps entries right meanwhile. */
    static final CacheTtl PRODUCT_TTL = new CacheTtl(Duration.ofMinutes(5), 0.2);
    /** Short, so an id that comes into existence outside this service is not hidden for long. */
    static final CacheTtl MISSING_TTL = new CacheTtl(Duration.ofSeconds(30), 0.2);
    /** Lists are retired by every admin write anyway; the TTL only bounds memory and lost invalidations. */
    static final CacheTtl LIST_TTL = new CacheTtl(Duration.ofSeconds(60), 0.2);
    /**
     * How long a node answers a product or a list page from its heap before asking Redis again: what
     * another node's change may take to show here. One second turns a popular product's Redis reads
     * into about one a second per node.
     */
    static final Duration NEAR_TTL = Duration.ofSeconds(1);
    /** Products kept in the heap at most (about 1 KiB each). */
    static final int NEAR_MAX_PRODUCTS = 20_000;
    /** List pages kept in the heap at most (ids and a total, well under 1 KiB each). */
    static final int NEAR_MAX_LISTS = 5_000;
    /** Longer than a database read takes, so a read that raced a write cannot re-fill the old row. */
    static final long TOMBSTONE_MILLIS = 2_000;
    /** After a Redis error, reads skip Redis this long instead of each paying a timeout. */
    static final Duration REDIS_PAUSE = Duration.ofSeconds(1);

    private CatalogFeature() {
    }

    public static Registered register(UploadSettings uploads, Environment environment, Platform platform,
                                      RateLimiting rateLimiting, ApiBudget apiBudget) {
        MetricRegistry metrics = environment.metrics();
        SqlObjects.prepare(platform.jdbi(), ProductDao.class, ActiveProductDao.class, StockDao.class, ProductListDao.class, CategoryDao.class, InventoryLedgerDao.class);
        RedisGuard guard = new RedisGuard("catalog cache", REDIS_PAUSE, System::nanoTime, metrics.counter("caddy.cache.errors"));
        // Cached rows belong to one database: two sharing a Redis must not read each other's.
        String namespace = platform.databaseNamespace();
        NearCache<Long, String> near = new NearCache<>(NEAR_TTL.toNanos(), NEAR_MAX_PRODUCTS, System::nanoTime);
        ProductCache cache = new ProductCache(platform.redis().client(), namespace, environment.getObjectMapper(),
                PRODUCT_TTL, MISSING_TTL, TOMBSTONE_MILLIS, guard, near,
                metrics.counter("caddy.cache.hits"), metrics.counter("caddy.cache.misses"));
        rateLimiting.readAlong(new ProductReadAlong(cache));
        // After the client-address filter (registered with rate limiting), in front of Jersey.
        environment.servlets().addFilter("cached-product", new CachedProductFilter(cache, apiBudget))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, ProductResource.PATH + "/*");
        NearCache<String, ProductListCache.Entry> nearLists = new NearCache<>(NEAR_TTL.toNanos(), NEAR_MAX_LISTS,
                System::nanoTime);
        ProductListCache lists = new ProductListCache(platform.redis().client(), namespace,
                environment.getObjectMapper(), LIST_TTL, guard, nearLists,
                metrics.counter("caddy.cache.list.hits"), metrics.counter("caddy.cache.list.misses"));
        rateLimiting.readAlong(new ListReadAlong(lists));
        long maxUpload = uploads.getMaxSize().toBytes();
        ImageStore images = new ImageStore(platform.jdbi(), platform.transactions(), maxUpload);
        Inventory inventory = new Inventory(platform.jdbi(), platform.transactions(), cache);
        SearchPlanner searchPlanner = new SearchPlanner(metrics.counter("caddy.search.narrowed"),
                metrics.counter("caddy.search.walked"));
        CatalogService catalog = new CatalogService(platform.jdbi(), platform.transactions(), cache, lists, images,
                inventory, searchPlanner);

        environment.jersey().register(MultiPartFeature.class);
        environment.jersey().register(new UploadSizeLimit(maxUpload));
        environment.jersey().register(new CategoryResource(catalog));
        ThrottlerSettings throttler = rateLimiting.settings();
        CallerBudget searches = apiBudget.alongside(new RateLimit("search", throttler.getSearchLimit(),
                Duration.ofSeconds(throttler.getSearchTtlSeconds())));
        environment.jersey().register(new ProductResource(catalog, searches));
        environment.jersey().register(new AdminProductResource(catalog, inventory));
        environment.jersey().register(new ProductImageResource(catalog));
        environment.jersey().register(new UploadsResource(images));
        environment.admin().addTask(new CacheFlushTask(platform.redis().client(), namespace, () -> {
            near.clear();
            nearLists.clear();
        }));
        return new Registered(catalog, inventory);
    }

    /** What other features use: the catalog, and the stock its products hold. */
    public record Registered(CatalogService catalog, Inventory inventory) {
    }
}
