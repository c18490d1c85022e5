package com.caddyshop.platform.redis;

/** A snapshot of the Redis connection pool. */
public record RedisPoolFigures(int max, Integer active, Integer idle, Integer waiting) {
}
