package com.caddyshop.platform.health;

import com.caddyshop.platform.BuildInfo;
import com.caddyshop.platform.db.DatabasePoolFigures;
import com.caddyshop.platform.redis.RedisPoolFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decides what the health endpoints say. The database is critical (without it the shop cannot
 * sell); Redis is not (the catalog falls back to the database), so a Redis failure makes the
 * service DEGRADED, still 200 on {@code /health}, while {@code /health/redis} says 503.
 */
public final class HealthService {
    public enum Status { UP, DEGRADED, DOWN, DRAINING }

    private final BoundedHealthCheck database;
    private final BoundedHealthCheck redis;
    private final DrainSwitch drain;
    private final Supplier<DatabasePoolFigures> databasePool;
    private final Supplier<RedisPoolFigures> redisPool;
    private final BuildInfo build;
    private final Instant startedAt;

    public HealthService(BoundedHealthCheck database, BoundedHealthCheck redis, DrainSwitch drain,
                         Supplier<DatabasePoolFigures> databasePool, Supplier<RedisPoolFigures> redisPool,
                         BuildInfo build, Instant startedAt) {
        this.database = database;
        this.redis = redis;
        this.drain = drain;
        this.databasePool = databasePool;
        this.redisPool = redisPool;
        this.build = build;
        this.startedAt = startedAt;
    }

    /** What load balancers ask: can this node take traffic? */
    public Status overall() {
        if (drain.isDraining()) {
            return Status.DRAINING;
        }
        BoundedHealthCheck.Probe db = database.probe();
        if (!db.healthy()) {
            return Status.DOWN;
        }
        return redis.probe().healthy() ? Status.UP : Status.DEGRADED;
    }

    public CheckReport check(String name) {
        BoundedHealthCheck target = switch (name) {
            case "database" -> database;
            case "redis" -> redis;
            default -> throw new IllegalArgumentException("unknown check " + name);
        };
        return CheckReport.of(target.probe());
    }

    public StatusReport status() {
        Map<String, CheckReport> checks = new LinkedHashMap<>();
        BoundedHealthCheck.Probe db = database.probe();
        BoundedHealthCheck.Probe cache = redis.probe();
        checks.put("database", CheckReport.of(db));
        checks.put("redis", CheckReport.of(cache));
        Status status = drain.isDraining() ? Status.DRAINING
                : !db.healthy() ? Status.DOWN
                : cache.healthy() ? Status.UP : Status.DEGRADED;
        Instant now = Instant.now();
        return new StatusReport(status, build.version(), build.commit(), startedAt, Duration.between(startedAt, now).toSeconds(), now, checks,
                new PoolsReport(databasePool.get(), redisPool.get()));
    }

    public static boolean servesTraffic(Status status) {
        return status == Status.UP || status == Status.DEGRADED;
    }

    /** One check as the application port shows it: no exception text, which may carry internals. */
    public record CheckReport(Status status, long latencyMs, String message) {
        static CheckReport of(BoundedHealthCheck.Probe probe) {
            if (probe.healthy()) {
                return new CheckReport(Status.UP, probe.latencyMillis(), null);
            }
            String message = probe.result().getError() == null && probe.result().getMessage() != null
                    && probe.result().getMessage().startsWith("no answer within")
                    ? probe.result().getMessage() : "check failed";
            return new CheckReport(Status.DOWN, probe.latencyMillis(), message);
        }
    }

    public record PoolsReport(DatabasePoolFigures database, RedisPoolFigures redis) {
    }

    public record StatusReport(Status status, String version, String commit, Instant startedAt, long uptimeSeconds, Instant time,
                               Map<String, CheckReport> checks, PoolsReport pools) {
    }
}
