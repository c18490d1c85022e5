package com.caddyshop.accounts.auth;

import com.caddyshop.platform.redis.RedisScript;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Each account's token generation, as authentication reads it. The database ({@code users.token_generation})
 * is the truth; Redis holds a copy per account that every node reads with the request's other Redis
 * read, so checking it costs neither a round trip of its own nor a database read. A bump is written to
 * the database in the transaction that causes it and then published here at once, so every node sees
 * it on its next request: there is no per-node copy that could lag behind.
 *
 * <p>Writes only ever raise the copy (a Lua script compares), so a node that loaded an older value
 * from the database cannot overwrite a newer bump. Copies expire after {@link #TTL}: a bump that
 * could not be published (Redis unreachable at that moment) is corrected from the database within it.
 */
public final class TokenGenerations {
    private static final Logger LOG = LoggerFactory.getLogger(TokenGenerations.class);
    static final String PREFIX = "caddy:";
    /** A missed publication lasts at most this long; each active account costs one database read per TTL. */
    static final Duration TTL = Duration.ofMinutes(5);
    private static final RedisScript RAISE = new RedisScript("""
            local current = tonumber(redis.call('GET', KEYS[1]))
            local value = tonumber(ARGV[1])
            if current == nil or current <= value then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return value
            end
            return current
            """);

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final LongFunction<OptionalLong> database;

    /**
     * {@code namespace}: the database's ({@code DatabaseNamespace}), since account ids are per
     * database; {@code database}: the generation stored for an account, empty when there is none.
     */
    public TokenGenerations(UnifiedJedis redis, String namespace, LongFunction<OptionalLong> database) {
        this.redis = redis;
        this.keyPrefix = PREFIX + namespace + ":auth:gen:";
        this.database = database;
    }

    public String key(long userId) {
        return keyPrefix + userId;
    }

    /** The generation from the database, copied to Redis; empty for an account that does not exist. */
    OptionalLong load(long userId) {
        OptionalLong stored = database.apply(userId);
        if (stored.isPresent()) {
            publish(userId, stored.getAsLong());
        }
        return stored;
    }

    /** The generation from the database alone (Redis cannot answer). */
    OptionalLong fromDatabase(long userId) {
        return database.apply(userId);
    }

    /** Raises Redis's copy to {@code generation}; false when Redis could not be reached. */
    public boolean publish(long userId, long generation) {
        try {
            RAISE.run(redis, List.of(key(userId)), List.of(Long.toString(generation), Long.toString(TTL.toMillis())));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not publish the token generation of user {} to Redis: {}", userId, e.toString());
            return false;
        }
    }

    /** A generation as Redis returned it, or empty when the copy is missing (or unreadable). */
    static OptionalLong parse(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
