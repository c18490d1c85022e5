package com.caddyshop.platform.redis;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/**
 * The one place that knows whether Redis is a single node or a Sentinel-managed master.
 * Features receive a {@link UnifiedJedis} and never care which; after a Sentinel failover the
 * client re-points its pool at the new master by itself.
 */
public final class RedisConnector implements Managed {
    private final RedisSettings settings;
    private final UnifiedJedis client;
    private final Pool<Connection> standalonePool;

    private RedisConnector(RedisSettings settings, UnifiedJedis client, Pool<Connection> standalonePool) {
        this.settings = settings;
        this.client = client;
        this.standalonePool = standalonePool;
    }

    public static RedisConnector connect(RedisSettings settings) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(settings.getPoolSize());
        pool.setMaxIdle(settings.getPoolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(Duration.ofMillis(settings.getPoolMaxWait().toMilliseconds()));
        pool.setBlockWhenExhausted(true);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        pool.setJmxEnabled(false);

        JedisClientConfig nodeConfig = clientConfig(settings, settings.getUsername(), settings.getPassword());
        if (settings.usesSentinel()) {
            Set<HostAndPort> sentinels = new LinkedHashSet<>();
            for (String address : settings.getSentinels()) {
                sentinels.add(HostAndPort.from(address));
            }
            RedisSentinelClient sentinelClient = RedisSentinelClient.builder()
                    .masterName(settings.getMasterName())
                    .sentinels(sentinels)
                    .sentinelClientConfig(clientConfig(settings, "", settings.getSentinelPassword()))
                    .clientConfig(nodeConfig)
                    .poolConfig(pool)
                    .build();
            return new RedisConnector(settings, sentinelClient, null);
        }
        RedisClient single = RedisClient.builder()
                .hostAndPort(new HostAndPort(settings.getHost(), settings.getPort()))
                .clientConfig(nodeConfig)
                .poolConfig(pool)
                .build();
        return new RedisConnector(settings, single, single.getPool());
    }

    /** An empty user name authenticates as Redis's default user (AUTH with the password alone). */
    private static JedisClientConfig clientConfig(RedisSettings settings, String user, String password) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.getConnectTimeout().toMilliseconds())
                .socketTimeoutMillis((int) settings.getSocketTimeout().toMilliseconds())
                .clientName("caddy-backend");
        if (!password.isEmpty()) {
            builder.password(password);
            if (!user.isEmpty()) {
                builder.user(user);
            }
        }
        return builder.build();
    }

    public UnifiedJedis client() {
        return client;
    }

    /** Where commands go now: the configured node, or the master Sentinel last announced. */
    public String currentTarget() {
        if (client instanceof RedisSentinelClient sentinel) {
            HostAndPort master = sentinel.getCurrentMaster();
            return master == null ? "unknown" : master.toString();
        }
        return settings.getHost() + ":" + settings.getPort();
    }

    /** Pool figures for {@code /health/status}; {@code null} fields when the client does not expose them. */
    public RedisPoolFigures poolFigures() {
        Pool<Connection> pool = standalonePool;
        if (pool == null && client instanceof RedisSentinelClient sentinel) {
            pool = sentinel.getPrimaryNodesConnectionMap().values().stream().findFirst().orElse(null);
        }
        if (pool == null) {
            return new RedisPoolFigures(settings.getPoolSize(), null, null, null);
        }
        return new RedisPoolFigures(settings.getPoolSize(), pool.getNumActive(), pool.getNumIdle(), pool.getNumWaiters());
    }

    @Override
    public void stop() {
        client.close();
    }
}
