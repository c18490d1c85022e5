package com.caddyshop.platform.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Fixed-window counters in Redis, shared by every app node. One Lua script adds to the counter
 * (one request, or several reserved at once by {@link LeasingRateLimiter}) and, for the first of a
 * window, sets its expiry, so the two steps are atomic and no counter can be left without a TTL. The window starts at a client's first request (as the
 * operations guide's Node throttler did); at a window boundary a client can therefore get up to
 * twice the limit within one window's length, which this budget tolerates.
 *
 * <p>The script is called by its SHA (EVALSHA); a Redis that does not know it yet (after a restart
 * or a Sentinel failover) answers NOSCRIPT and the script is sent once in full (EVAL).
 *
 * <p>Keys after the first are read along ({@link ReadAlong}) and their values returned after the
 * count and the time left, so a request that needs cached values gets them in its budget's round trip.
 *
 * <p>Keys hold a hash of the client key, not the address or e-mail itself.
 */
public final class RedisFixedWindowLimiter implements RateLimiter {
    static final String KEY_PREFIX = "caddy:rl:";
    /** GET of a missing key is false in Lua (no hole in the table), which Redis returns as a nil element. */
    static final String SCRIPT = """
            local count = redis.call('INCRBY', KEYS[1], ARGV[2])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            local result = {count, ttl}
            for i = 2, #KEYS do
              result[i + 1] = redis.call('GET', KEYS[i])
            end
            return result
            """;
    private static final String SCRIPT_SHA = sha1Hex(SCRIPT);
    /** One digest per thread: looking the algorithm up for every request showed in profiles. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private final UnifiedJedis redis;

    public RedisFixedWindowLimiter(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public RateLimitDecision consume(RateLimit policy, String clientKey) {
        return consumeAndRead(policy, clientKey, List::of).decision();
    }

    @Override
    public CountedRead consumeAndRead(RateLimit policy, String clientKey, Supplier<List<String>> readKeys) {
        Reservation reserved = reserve(policy, clientKey, 1, readKeys.get());
        return new CountedRead(RateLimitDecision.of(policy, reserved.count(), reserved.millisToReset()), reserved.fetches());
    }

    /**
     * The counter after adding {@code units} to it, the time left in its window, and the values of
     * {@code readKeys}, in one round trip.
     */
    Reservation reserve(RateLimit policy, String clientKey, int units, List<String> readKeys) {
        List<String> keys;
        if (readKeys.isEmpty()) {
            keys = List.of(key(policy, clientKey));
        } else {
            keys = new ArrayList<>(readKeys.size() + 1);
            keys.add(key(policy, clientKey));
            keys.addAll(readKeys);
        }
        List<?> values = run(keys, policy, units);
        ReadAlong.Fetches fetches = ReadAlong.Fetches.NONE;
        if (!readKeys.isEmpty()) {
            List<ReadAlong.Fetched> fetched = new ArrayList<>(readKeys.size());
            for (int i = 0; i < readKeys.size(); i++) {
                Object value = values.size() > i + 2 ? values.get(i + 2) : null;
                fetched.add(new ReadAlong.Fetched(readKeys.get(i), (String) value));
            }
            fetches = new ReadAlong.Fetches(fetched);
        }
        return new Reservation(((Number) values.get(0)).longValue(), ((Number) values.get(1)).longValue(), fetches);
    }

    /** A counter as {@link #reserve} left it. */
    record Reservation(long count, long millisToReset, ReadAlong.Fetches fetches) {
    }

    private List<?> run(List<String> keys, RateLimit policy, int units) {
        List<String> args = List.of(Long.toString(policy.window().toMillis()), Integer.toString(units));
        try {
            return (List<?>) redis.evalsha(SCRIPT_SHA, keys, args);
        } catch (JedisNoScriptException notLoaded) {
            return (List<?>) redis.eval(SCRIPT, keys, args);
        }
    }

    static String key(RateLimit policy, String clientKey) {
        return KEY_PREFIX + policy.name() + ":" + hashed(clientKey);
    }

    private static String hashed(String clientKey) {
        byte[] digest = SHA_256.get().digest(clientKey.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static String sha1Hex(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
