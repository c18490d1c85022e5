package com.caddyshop.catalog;

import com.codahale.metrics.Counter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Caches which product ids a list page shows and the list's total, so a repeated page costs no
 * COUNT and no list query; the products themselves come from the {@link ProductCache}, which keeps
 * their stock fresh. Every entry lives under a generation number that admin writes increment:
 * one INCR retires all pages at once, and a page computed before the write can only be stored
 * under the old generation, where nobody reads any more. Stock changes do not touch lists (no
 * filter or sort uses stock), so orders do not empty this cache.
 */
final class ProductListCache {
    private static final Logger LOG = LoggerFactory.getLogger(ProductListCache.class);

    private final UnifiedJedis redis;
    private final String prefix;
    private final String generationKey;
    private final ObjectMapper json;
    private final CacheTtl ttl;
    private final RedisGuard guard;
    private final Counter hits;
    private final Counter misses;
    /** An admin write whose INCR failed; written before lists are read from Redis again. */
    private final AtomicBoolean bumpOwed = new AtomicBoolean();

    ProductListCache(UnifiedJedis redis, String namespace, ObjectMapper json, CacheTtl ttl, RedisGuard guard,
                     Counter hits, Counter misses) {
        this.redis = redis;
        this.prefix = "caddy:" + namespace + ":catalog:" + ProductCache.VERSION + ":list:";
        this.generationKey = prefix + "generation";
        this.json = json;
        this.ttl = ttl;
        this.guard = guard;
        this.hits = hits;
        this.misses = misses;
    }

    /** A cached page: the ids in display order and the list's total. */
    record Entry(List<Long> ids, long total) {
    }

    /** What a lookup found (null on a miss) and the generation to store a fresh page under (null: do not store). */
    record Lookup(Entry entry, String generation) {
    }

    Lookup find(ProductQuery query) {
        List<String> found = guard.paused() || !settleBump() ? null : guard.read(() -> {
            String generation = redis.get(generationKey);
            String current = generation == null ? "0" : generation;
            return Arrays.asList(current, redis.get(pageKey(current, query)));
        });
        if (found == null) {
            misses.inc();
            return new Lookup(null, null);
        }
        Entry entry = found.get(1) == null ? null : decode(found.get(1));
        if (entry != null) {
            hits.inc();
        } else {
            misses.inc();
        }
        return new Lookup(entry, found.get(0));
    }

    void store(ProductQuery query, String generation, List<Long> ids, long total) {
        if (generation == null) {
            return;
        }
        String encoded;
        try {
            encoded = json.writeValueAsString(new Entry(ids, total));
        } catch (JsonProcessingException e) {
            LOG.error("cannot encode a product list for the cache", e);
            return;
        }
        long millis = ttl.nextMillis();
        guard.write(() -> redis.set(pageKey(generation, query), encoded, SetParams.setParams().nx().px(millis)));
    }

    /** Retires every cached page; call after an admin write committed. Never throws. */
    void invalidateAll() {
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
    String pageKey(String generation, ProductQuery query) {
        String canonical = String.join("\n", String.valueOf(query.category()), String.valueOf(query.q()),
                query.sort().parameter(), Integer.toString(query.page()), Integer.toString(query.size()));
        return prefix + generation + ":" + sha256(canonical);
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
