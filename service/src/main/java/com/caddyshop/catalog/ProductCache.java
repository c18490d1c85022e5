package com.caddyshop.catalog;

import com.caddyshop.platform.cache.CacheTtl;
import com.caddyshop.platform.cache.NearCache;
import com.caddyshop.platform.cache.RedisGuard;
import com.caddyshop.platform.cache.SingleFlight;
import com.caddyshop.platform.ratelimit.CountedRead;
import com.caddyshop.platform.ratelimit.RateLimitDecision;
import com.caddyshop.platform.readalong.ReadAlong;
import com.codahale.metrics.Counter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Cache-aside for product-by-id reads, in Redis as JSON.
 *
 * <ul>
 *   <li>Fills use {@code SET NX} with a jittered TTL; a missing product is cached too, shorter.</li>
 *   <li>Invalidation does not delete the key but overwrites it with a short-lived tombstone: a read
 *       that loaded the old row before the write committed then cannot put it back (its {@code SET NX}
 *       fails), and readers treat the tombstone as a miss. Staleness is thus bounded by the tombstone's
 *       life even under that race, and by the TTL if Redis loses an invalidation.</li>
 *   <li>Concurrent misses for one id on this node share one database load (single flight); across
 *       nodes at most one load per node runs per id.</li>
 *   <li>Redis failures are never the caller's problem: reads fall through to the database,
 *       invalidations that could not be written are retried before Redis is read again.</li>
 * </ul>
 */
final class ProductCache {
    private static final Logger LOG = LoggerFactory.getLogger(ProductCache.class);
    /** Bump when the cached JSON changes shape, so a rolling deploy never reads the other shape. */
    static final String VERSION = "v1";
    static final String TOMBSTONE = "~invalidated";
    static final String MISSING = "~missing";
    private static final String ABSENT = "";
    /** Ids whose invalidation could not be written; beyond this many we rely on the TTL. */
    private static final int MAX_PENDING = 100_000;

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final ObjectMapper json;
    private final CacheTtl found;
    private final CacheTtl missing;
    private final long tombstoneMillis;
    private final RedisGuard guard;
    private final NearCache<Long, String> near;
    private final Counter hits;
    private final Counter misses;
    private final SingleFlight<Long, Optional<Loaded>> loads = new SingleFlight<>();
    private final Set<Long> pendingInvalidations = ConcurrentHashMap.newKeySet();

    /** {@code namespace} separates databases that share one Redis (see {@code DatabaseNamespace}). */
    ProductCache(UnifiedJedis redis, String namespace, ObjectMapper json, CacheTtl found, CacheTtl missing,
                 long tombstoneMillis, RedisGuard guard, NearCache<Long, String> near, Counter hits, Counter misses) {
        this.redis = redis;
        this.keyPrefix = keyPrefix(namespace);
        this.json = json;
        this.found = found;
        this.missing = missing;
        this.tombstoneMillis = tombstoneMillis;
        this.guard = guard;
        this.near = near;
        this.hits = hits;
        this.misses = misses;
    }

    static String keyPrefix(String namespace) {
        return "caddy:" + namespace + ":catalog:" + VERSION + ":product:";
    }

    String key(long id) {
        return keyPrefix + id;
    }

    /** The product from the cache, or from {@code loader} (once per id at a time) on a miss. */
    Optional<ProductView> get(long id, LongFunction<Optional<ProductView>> loader) {
        String cached = readCached(id);
        Optional<ProductView> decoded = isEntry(cached) ? decode(id, cached) : null;
        if (decoded != null) {
            hits.inc();
            return decoded;
        }
        return loadOnce(id, loader, ABSENT.equals(cached)).map(Loaded::product);
    }

    /**
     * The product's JSON exactly as cached, so a hit is answered without decoding and re-encoding it;
     * empty when there is no such product. {@code fetches} holds the entry when the rate limiter already
     * read it along with the request's budget ({@link ProductReadAlong}); otherwise Redis is read here.
     */
    Optional<String> getJson(long id, ReadAlong.Fetches fetches, LongFunction<Optional<ProductView>> loader) {
        Optional<String> copy = nearJson(id);
        if (copy.isPresent()) {
            return copy;
        }
        long stamp = near.stamp(id);
        Optional<ReadAlong.Fetched> fetched = fetches.find(key(id));
        boolean readNow = fetched.isEmpty() || !pendingInvalidations.isEmpty();
        String cached = readNow ? readCached(id) : orAbsent(fetched.get().value());
        if (isServable(cached)) {
            hits.inc();
            if (MISSING.equals(cached)) {
                return Optional.empty();
            }
            // Only an entry read after the stamp may be kept: one read along earlier could predate
            // an invalidation the stamp no longer shows.
            if (readNow) {
                near.put(id, cached, stamp);
            }
            return Optional.of(cached);
        }
        return loadOnce(id, loader, ABSENT.equals(cached)).map(Loaded::json);
    }

    /** Counts a request against its budget, reading {@code readAlong}'s keys in the same round trip when it can. */
    @FunctionalInterface
    interface RequestBudget {
        CountedRead count(Supplier<List<String>> readAlong);
    }

    /**
     * A product request counted in front of Jersey, and what this node's cache can answer it with.
     *
     * @param decision the budget's decision; the request is counted and must not be counted again
     * @param json the product's JSON exactly as cached when it can be served as it is; empty leaves the
     *     request to Jersey (refused, a miss, a cached 404, a tombstone, an invalidation pending)
     * @param fetches the product's entry as read for this request, by the budget or by the cache after
     *     it; left on the request, Jersey then does not read it again
     */
    record CountedProduct(RateLimitDecision decision, Optional<String> json, ReadAlong.Fetches fetches) {
    }

    /**
     * Counts a request for the product and says whether the cache answers it, for the filter in front
     * of Jersey: a copy in this node's near cache costs no Redis read (none is asked of the budget);
     * otherwise the entry comes along with the budget's round trip, or is read right after it when the
     * budget was counted from units this node holds. A hit is counted only when the request is allowed.
     *
     * @return empty when Redis must not be read now: the request is not counted and is all Jersey's
     */
    Optional<CountedProduct> countAndRead(long id, RequestBudget budget) {
        if (!readable()) {
            return Optional.empty();
        }
        Optional<String> copy = near.get(id);
        // Taken before any Redis read this request makes, so a racing invalidation keeps its entry out of the near cache.
        long stamp = near.stamp(id);
        CountedRead counted = budget.count(() -> copy.isPresent() ? List.of() : List.of(key(id)));
        RateLimitDecision decision = counted.decision();
        if (!decision.allowed()) {
            return Optional.of(new CountedProduct(decision, Optional.empty(), counted.fetches()));
        }
        if (copy.isPresent()) {
            return Optional.of(new CountedProduct(decision, copy.map(this::serveNear), counted.fetches()));
        }
        ReadAlong.Fetches fetches = counted.fetches().find(key(id)).isPresent() ? counted.fetches() : fetch(id);
        return Optional.of(new CountedProduct(decision, fetchedJson(id, fetches, stamp), fetches));
    }

    /** The product's JSON from this node's near cache, counted as a hit; empty when it holds none. */
    private Optional<String> nearJson(long id) {
        return near.get(id).map(this::serveNear);
    }

    /** A near copy, counted as a hit now that it is served. */
    private String serveNear(String json) {
        hits.inc();
        return json;
    }

    /**
     * The product's entry read from Redis now, as a read-along would have brought it; nothing when
     * Redis must not or could not be read. For a request the rate limiter counted without a round trip.
     */
    private ReadAlong.Fetches fetch(long id) {
        String cached = readCached(id);
        return cached == null ? ReadAlong.Fetches.NONE
                : new ReadAlong.Fetches(List.of(new ReadAlong.Fetched(key(id), ABSENT.equals(cached) ? null : cached)));
    }

    /**
     * The product's JSON when {@code fetches} holds a servable entry for it, counted as a hit and kept
     * in the near cache; empty for anything else (no entry fetched, a cached miss, a tombstone, an
     * invalidation pending), which {@link #getJson} then handles in full.
     *
     * @param stamp the near cache's stamp taken before the read
     */
    private Optional<String> fetchedJson(long id, ReadAlong.Fetches fetches, long stamp) {
        Optional<ReadAlong.Fetched> fetched = fetches.find(key(id));
        if (fetched.isEmpty() || !pendingInvalidations.isEmpty()) {
            return Optional.empty();
        }
        String cached = fetched.get().value();
        if (!isServable(cached) || MISSING.equals(cached)) {
            return Optional.empty();
        }
        hits.inc();
        near.put(id, cached, stamp);
        return Optional.of(cached);
    }

    /** True when a read here would go to Redis now; a read-along may fetch an entry only then. */
    boolean readable() {
        return !guard.paused() && pendingInvalidations.isEmpty();
    }

    /**
     * Several products at once (a list page) as their cached JSON: one MGET, then one {@code loader}
     * call for all that were not cached. Products the loader does not return are absent from the result.
     */
    Map<Long, String> getAllJson(List<Long> ids, Function<List<Long>, Map<Long, ProductView>> loader) {
        Map<Long, String> products = new HashMap<>();
        List<Long> toRead = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Optional<String> copy = nearJson(id);
            if (copy.isPresent()) {
                products.put(id, copy.get());
            } else {
                toRead.add(id);
            }
        }
        if (toRead.isEmpty()) {
            return products;
        }
        long[] stamps = toRead.stream().mapToLong(near::stamp).toArray();
        String[] keys = toRead.stream().map(this::key).toArray(String[]::new);
        List<String> cached = guard.paused() || !settlePending() ? null : guard.read(() -> redis.mget(keys));
        List<Long> missing = new ArrayList<>();
        List<Long> fillable = new ArrayList<>();
        for (int i = 0; i < toRead.size(); i++) {
            long id = toRead.get(i);
            String value = cached == null ? null : cached.get(i);
            if (isServable(value)) {
                hits.inc();
                if (!MISSING.equals(value)) {
                    products.put(id, value);
                    near.put(id, value, stamps[i]);
                }
                continue;
            }
            misses.inc();
            missing.add(id);
            if (cached != null && value == null) {
                fillable.add(id);
            }
        }
        if (!missing.isEmpty()) {
            loader.apply(missing).forEach((id, product) -> products.put(id, encode(id, product)));
            fillAll(fillable, products);
        }
        return products;
    }

    /** How many readers wait for the load of {@code id} running now (observability for tests). */
    int waitingFor(long id) {
        return loads.waitingFor(id);
    }

    /** Call after the writing transaction committed. Never throws. */
    void invalidate(Collection<Long> ids) {
        near.invalidate(ids);
        for (Long id : ids) {
            // Readers arriving from now on must not join a load that may have read the old row.
            loads.forget(id);
            if (!writeTombstone(id)) {
                remember(id);
            }
        }
    }

    /** The raw entry, {@link #ABSENT} when there is none, {@code null} when Redis must not or could not be read. */
    private String readCached(long id) {
        return guard.paused() || !settlePending() ? null : guard.read(() -> orAbsent(redis.get(key(id))));
    }

    private static String orAbsent(String value) {
        return value == null ? ABSENT : value;
    }

    /** A product or a cached miss, as opposed to no entry, a tombstone or no answer. */
    private static boolean isEntry(String cached) {
        return cached != null && !cached.equals(ABSENT) && !cached.equals(TOMBSTONE);
    }

    /** An entry that can be answered as it is: a cached miss, or a product's JSON object. */
    private static boolean isServable(String cached) {
        return isEntry(cached) && (MISSING.equals(cached) || cached.startsWith("{"));
    }

    /**
     * Loads from the database once per id at a time on this node; concurrent misses wait for that load.
     * Only a key just seen empty is filled: never over a tombstone, never when Redis is failing.
     */
    private Optional<Loaded> loadOnce(long id, LongFunction<Optional<ProductView>> loader, boolean fillable) {
        misses.inc();
        return loads.get(id, () -> {
            // Encoded once: the same string is cached and answered.
            Optional<Loaded> loaded = loader.apply(id).map(product -> new Loaded(product, encode(id, product)));
            if (fillable) {
                String entry = loaded.map(Loaded::json).orElse(MISSING);
                guard.write(() -> redis.set(key(id), entry, fillParams(entry)));
            }
            return loaded;
        });
    }

    /** A product read from the database, and its JSON as cached and answered. */
    private record Loaded(ProductView product, String json) {
    }

    /**
     * Fills the entries of a page's misses in one round trip: the JSON just encoded for each product
     * found in {@code loaded}, a cached miss for the others.
     */
    private void fillAll(List<Long> ids, Map<Long, String> loaded) {
        if (ids.isEmpty()) {
            return;
        }
        guard.write(() -> {
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (Long id : ids) {
                    String entry = loaded.getOrDefault(id, MISSING);
                    pipeline.set(key(id), entry, fillParams(entry));
                }
                pipeline.sync();
            }
        });
    }

    /** {@code SET NX}: never over a tombstone or a newer fill; a cached miss lives shorter than a product. */
    private SetParams fillParams(String entry) {
        long ttl = MISSING.equals(entry) ? missing.nextMillis() : found.nextMillis();
        return SetParams.setParams().nx().px(ttl);
    }

    /** The JSON a response and the cache carry: the service's own object mapper, so both are the same bytes. */
    private String encode(long id, ProductView product) {
        try {
            return json.writeValueAsString(product);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("product " + id + " cannot be encoded", e);
        }
    }

    /** {@code null} for an entry that cannot be read (corrupt or foreign): treated as a miss. */
    private Optional<ProductView> decode(long id, String cached) {
        if (MISSING.equals(cached)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(cached, ProductView.class));
        } catch (JsonProcessingException e) {
            LOG.warn("unreadable cache entry for product {}: {}", id, e.getOriginalMessage());
            return null;
        }
    }

    private boolean writeTombstone(long id) {
        return guard.write(() -> redis.set(key(id), TOMBSTONE, SetParams.setParams().px(tombstoneMillis)));
    }

    private void remember(long id) {
        if (pendingInvalidations.size() < MAX_PENDING) {
            pendingInvalidations.add(id);
        } else {
            LOG.warn("too many unwritten cache invalidations; product {} may be stale until its TTL ends", id);
        }
    }

    /** Writes invalidations owed from a Redis outage; false while some remain (Redis must not be read then). */
    private boolean settlePending() {
        if (pendingInvalidations.isEmpty()) {
            return true;
        }
        for (Long id : pendingInvalidations) {
            if (!writeTombstone(id)) {
                return false;
            }
            pendingInvalidations.remove(id);
        }
        return true;
    }
}
