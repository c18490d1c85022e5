package com.caddyshop.platform.health;

import com.caddyshop.platform.redis.RedisConnector;
import com.codahale.metrics.health.HealthCheck;

/** PING through the same pool the service uses; reports where commands go (useful after a failover). */
public final class RedisHealthCheck extends HealthCheck {
    private final RedisConnector redis;

    public RedisHealthCheck(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    protected Result check() {
        String answer = redis.client().ping();
        if (!"PONG".equalsIgnoreCase(answer)) {
            return Result.unhealthy("unexpected answer to PING");
        }
        return Result.builder().healthy().withDetail("target", redis.currentTarget()).build();
    }
}
