package com.caddyshop.catalog;

import com.caddyshop.platform.cache.CacheTtl;
import com.caddyshop.platform.cache.NearCache;
import com.caddyshop.platform.cache.RedisGuard;
import com.caddyshop.platform.readalong.ReadAlong;
import com.codahale.metrics.Counter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Caches which product ids a list page shows and the list's total, so a repeated page costs no
 * COUNT and no list query; the products themselves come from the {@link ProductCache}, which keeps
 * their stock fresh. Every entry records the generation number it was computed under, and admin
 * writes increment that number: one INCR retires all pages at once, and a page computed before the
 * write carries the old generation, which no reader accepts any more. Stock changes do not touch
 * lists (no filter or sort uses stock), so orders do not empty this cache.
 *
 * <p>The generation and the page sit under keys known from the query alone, so one MGET reads
 * both, and the rate limiter can read them along with the request's budget ({@link ListReadAlong}).
 */
final class ProductListCache {
    private static final Logger LOG = LoggerFactory.getLogger(ProductListCache.class);

    private final UnifiedJedis redis;
    private final String prefix;
    private final String generationKey;
    private final ObjectMapper json;
    private final CacheTtl ttl;
    private final RedisGuard guard;
    private final NearCache<String, Entry> near;
    private final Counter hits;
    private final Counter misses;
    /** An admin write whose INCR failed; written before lists are read from Redis again. */
    private final AtomicBoolean bumpOwed = new AtomicBoolean();

    /** {@code near}: pages by key, this node's copies (see {@link NearCache}); every admin write here empties it. */
    ProductListCache(UnifiedJedis redis, String namespace, ObjectMapper json, CacheTtl ttl, RedisGuard guard,
                     NearCache<String, Entry> near, Counter hits, Counter misses) {
        this.redis = redis;
        this.prefix = "caddy:" + namespace + ":catalog:" + ProductCache.VERSION + ":list:";
        // Shared with nodes of the previous format during a rolling deploy, so both retire together.
        this.generationKey = prefix + "generation";
        this.json = json;
        this.ttl = ttl;
        this.guard = guard;
        this.near = near;
        this.hits = hits;
        this.misses = misses;
    }

    /**
     * A cached page: the generation it was computed under, the ids in display order and the list's total
     * ({@code capped}: a search's, counted only up to what its pages reach; absent in older entries, which were exact).
     */
    record Entry(String generation, List<Long> ids, long total, boolean capped) {
    }

    /**
     * What a lookup found (null on a miss), the generation to store a fresh page under (null: do not
     * store) and, for a browse (no search), the list's total when it is cached (null otherwise).
     */
    record Lookup(Entry entry, String generation, Long total) {
    }

    /**
     * The keys a lookup of {@code query} reads: the generation, the page and, when browsing, the
     * list's total, which is kept apart from the pages: every page of a category shares one COUNT.
     */
    List<String> keys(ProductQuery query) {
        return query.q() == null ? List.of(generationKey, pageKey(query), totalKey(query)) : List.of(generationKey, pageKey(query));
    }

    /** Uses the keys fetched along with the request's budget when they are there, otherwise reads them (one MGET). */
    Lookup find(ProductQuery query, ReadAlong.Fetches fetches) {
        List<String> keys = keys(query);
        Optional<Entry> copy = near.get(keys.get(1));
        if (copy.isPresent()) {
            hits.inc();
            return new Lookup(copy.get(), copy.get().generation(), null);
        }
        long stamp = near.stamp(keys.get(1));
        List<Optional<ReadAlong.Fetched>> fetched = keys.stream().map(fetches::find).toList();
        List<String> found;
        boolean readNow = false;
        if (!readable()) {
            found = null;
        } else if (fetched.stream().allMatch(Optional::isPresent)) {
            found = fetched.stream().map(f -> f.get().value()).toList();
        } else {
            found = guard.read(() -> redis.mget(keys.toArray(String[]::new)));
            readNow = true;
        }
        if (found == null) {
            misses.inc();
            return new Lookup(null, null, null);
        }
        String current = found.get(0) == null ? "0" : found.get(0);
        Entry entry = found.get(1) == null ? null : decode(found.get(1));
        if (entry != null && current.equals(entry.generation())) {
            hits.inc();
            // Only a page read after the stamp may be kept (one read along earlier could predate a write).
            if (readNow) {
                near.put(keys.get(1), entry, stamp);
            }
            return new Lookup(entry, current, null);
        }
        misses.inc();
        return new Lookup(null, current, found.size() > 2 ? total(found.get(2), current) : null);
    }

    /** A cached total ("generation:total") if it was counted under the current generation. */
    private static Long total(String value, String generation) {
        if (value == null) {
            return null;
        }
        int colon = value.indexOf(':');
        if (colon < 0 || !generation.equals(value.substring(0, colon))) {
            return null;
        }
        try {
            return Long.parseLong(value.substring(colon + 1));
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /** Stores a browse list's total counted under {@code generation} (same lifetime as a page). */
    void storeTotal(ProductQuery query, String generation, long total) {
        if (generation == null || query.q() != null) {
            return;
        }
        long millis = ttl.nextMillis();
        guard.write(() -> redis.set(totalKey(query), generation + ":" + total, SetParams.setParams().px(millis)));
    }

    /** True when a lookup here would read Redis now (a read-along may fetch the keys only then). */
    boolean readable() {
        return !guard.paused() && settleBump();
    }

    /**
     * Stores a page computed under {@code generation}. A plain SET: a slower reader may overwrite a
     * newer page with an older one, which its generation then marks as a miss, never as a hit.
     */
    void store(ProductQuery query, String generation, List<Long> ids, long total, boolean capped) {
        if (generation == null) {
            return;
        }
        String encoded;
        try {
            encoded = json.writeValueAsString(new Entry(generation, ids, total, capped));
        } catch (JsonProcessingException e) {
            LOG.error("cannot encode a product list for the cache", e);
            return;
        }
        long millis = ttl.nextMillis();
        guard.write(() -> redis.set(pageKey(query), encoded, SetParams.setParams().px(millis)));
    }

    /** Retires every cached page; call after an admin write committed. Never throws. */
    void invalidateAll() {
        near.clear();
        if (!guard.write(() -> redis.incr(generationKey))) {
            bumpOwed.set(true);
        }
    }

    private boolean settleBump() {
        if (!bumpOwed.get()) {
            return true;
        }
        if (guard.write(() -> redis.incr(generationKey))) {
            bumpOwed.set(false);
            return true;
        }
        return false;
    }

    private Entry decode(String value) {
        try {
            return json.readValue(value, Entry.class);
        } catch (JsonProcessingException e) {
            LOG.warn("unreadable cached product list: {}", e.getOriginalMessage());
            return null;
        }
    }

    /** The query's parameters, hashed so that search texts of any content make a short, safe key. */
    String pageKey(ProductQuery query) {
        String canonical = String.join("\n", String.valueOf(query.category()), String.valueOf(query.q()),
                query.sort().parameter(), Integer.toString(query.page()), Integer.toString(query.size()),
                String.valueOf(query.after()));
        return prefix + "page:" + sha256(canonical);
    }

    /** A browse list's total: the category alone decides it (not the sort, page or size). */
    String totalKey(ProductQuery query) {
        return prefix + "total:" + sha256(String.valueOf(query.category()));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
