package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.readalong.ReadAlong;
import com.caddyshop.platform.redis.RedisScript;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * Fixed-window counters in Redis, shared by every app node. One Lua script adds to one or more
 * counters (a request's budgets: its user's and its address's; one request, or several units
 * reserved at once by {@link LeasingRateLimiter}) and, for the first of a window, sets its expiry,
 * so the steps are atomic, no counter can be left without a TTL, and a request counted against two
 * budgets still costs one round trip. The window starts at a client's first request (as the
 * operations guide's Node throttler did); at a window boundary a client can therefore get up to
 * twice the limit within one window's length, which this budget tolerates.
 *
 * <p>The script is called by its SHA ({@link RedisScript}).
 *
 * <p>Keys after the counters are read along ({@link ReadAlong}) and their values returned after the
 * counts and times left, so a request that needs cached values gets them in its budget's round trip.
 *
 * <p>Keys hold a hash of the client key, not the address or e-mail itself.
 */
public final class RedisFixedWindowLimiter implements RateLimiter {
    static final String KEY_PREFIX = "caddy:rl:";
    /**
     * ARGV: the number of counters n, then each counter's window (ms) and units. Returns each
     * counter's count and time left, then the values of the keys after the n counters. GET of a
     * missing key is false in Lua (no hole in the table), which Redis returns as a nil element.
     */
    static final RedisScript SCRIPT = new RedisScript("""
            local n = tonumber(ARGV[1])
            local result = {}
            for i = 1, n do
              local count = redis.call('INCRBY', KEYS[i], ARGV[2 * i + 1])
              local ttl = redis.call('PTTL', KEYS[i])
              if ttl < 0 then
                redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
                ttl = tonumber(ARGV[2 * i])
              end
              result[2 * i - 1] = count
              result[2 * i] = ttl
            end
            for i = n + 1, #KEYS do
              result[n + i] = redis.call('GET', KEYS[i])
            end
            return result
            """);
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
    public CountedRead consumeAndRead(List<Charge> charges, Supplier<List<String>> readKeys) {
        int[] units = new int[charges.size()];
        Arrays.fill(units, 1);
        Reserved reserved = reserve(charges, units, readKeys.get());
        RateLimitDecision decision = null;
        for (int i = 0; i < charges.size(); i++) {
            Reservation counter = reserved.counters().get(i);
            decision = RateLimitDecision.of(charges.get(i).policy(), counter.count(), counter.millisToReset()).stricter(decision);
        }
        return new CountedRead(decision, reserved.fetches());
    }

    /**
     * Adds {@code units[i]} to the counter of {@code charges.get(i)}; returns each counter afterwards
     * with the time left in its window, and the values of {@code readKeys}, in one round trip.
     */
    Reserved reserve(List<Charge> charges, int[] units, List<String> readKeys) {
        int n = charges.size();
        List<String> keys = new ArrayList<>(n + readKeys.size());
        List<String> args = new ArrayList<>(1 + 2 * n);
        args.add(Integer.toString(n));
        for (int i = 0; i < n; i++) {
            Charge charge = charges.get(i);
            keys.add(key(charge.policy(), charge.clientKey()));
            args.add(Long.toString(charge.policy().window().toMillis()));
            args.add(Integer.toString(units[i]));
        }
        keys.addAll(readKeys);
        List<?> values = (List<?>) SCRIPT.run(redis, keys, args);
        List<Reservation> counters = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            counters.add(new Reservation(((Number) values.get(2 * i)).longValue(), ((Number) values.get(2 * i + 1)).longValue()));
        }
        ReadAlong.Fetches fetches = ReadAlong.Fetches.NONE;
        if (!readKeys.isEmpty()) {
            List<ReadAlong.Fetched> fetched = new ArrayList<>(readKeys.size());
            for (int i = 0; i < readKeys.size(); i++) {
                Object value = values.size() > 2 * n + i ? values.get(2 * n + i) : null;
                fetched.add(new ReadAlong.Fetched(readKeys.get(i), (String) value));
            }
            fetches = new ReadAlong.Fetches(fetched);
        }
        return new Reserved(counters, fetches);
    }

    /** One counter as {@link #reserve} left it. */
    record Reservation(long count, long millisToReset) {
    }

    /** The counters of one {@link #reserve}, in the order of its charges, and the values read along. */
    record Reserved(List<Reservation> counters, ReadAlong.Fetches fetches) {
    }

    static String key(RateLimit policy, String clientKey) {
        return KEY_PREFIX + policy.name() + ":" + hashed(clientKey);
    }

    private static String hashed(String clientKey) {
        byte[] digest = SHA_256.get().digest(clientKey.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
