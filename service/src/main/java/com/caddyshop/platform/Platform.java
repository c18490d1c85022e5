package com.caddyshop.platform;

import com.caddyshop.platform.db.DatabaseNamespace;
import com.caddyshop.platform.db.DatabasePoolFigures;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.db.SessionLimits;
import com.caddyshop.platform.db.ShopJdbiFactory;
import com.caddyshop.platform.errors.ApiExceptionMapper;
import com.caddyshop.platform.errors.DatabaseTroubleMapper;
import com.caddyshop.platform.errors.JsonInputExceptionMapper;
import com.caddyshop.platform.errors.UnexpectedErrorMapper;
import com.caddyshop.platform.errors.ValidationExceptionMapper;
import com.caddyshop.platform.errors.WebApplicationExceptionMapper;
import com.caddyshop.platform.health.BoundedHealthCheck;
import com.caddyshop.platform.health.DatabaseHealthCheck;
import com.caddyshop.platform.health.DrainSwitch;
import com.caddyshop.platform.health.HealthResource;
import com.caddyshop.platform.health.HealthService;
import com.caddyshop.platform.health.RedisHealthCheck;
import com.caddyshop.platform.metrics.HealthGauges;
import com.caddyshop.platform.metrics.PrometheusEndpoint;
import com.caddyshop.platform.redis.RedisConnector;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jersey.errors.EarlyEofExceptionMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;

/**
 * The shared infrastructure every feature uses: database, Redis, health, errors and metrics.
 * Built once in {@code run()}; features receive the parts they need through their constructors.
 */
public final class Platform {
    private final Jdbi jdbi;
    private final RetryableTransactions transactions;
    private final RedisConnector redis;
    private final DrainSwitch drain;
    private final HealthService health;
    private final SessionLimits sessionLimits;
    private final String databaseNamespace;

    private Platform(Jdbi jdbi, RetryableTransactions transactions, RedisConnector redis, DrainSwitch drain,
                     HealthService health, SessionLimits sessionLimits, String databaseNamespace) {
        this.jdbi = jdbi;
        this.sessionLimits = sessionLimits;
        this.databaseNamespace = databaseNamespace;
        this.transactions = transactions;
        this.redis = redis;
        this.drain = drain;
        this.health = health;
    }

    public static Platform start(PlatformSettings settings, Environment environment) {
        MetricRegistry metrics = environment.metrics();
        registerErrorMappers(settings.server(), environment);

        SessionLimits sessionLimits = new SessionLimits(toJava(settings.databaseLimits().getStatementTimeout()),
                toJava(settings.databaseLimits().getLockWaitTimeout()));
        sessionLimits.applyTo(settings.database());
        ManagedDataSource dataSource = settings.database().build(metrics, "db");
        Jdbi jdbi = new ShopJdbiFactory().build(environment, settings.database(), dataSource, "db");
        // The factory adds its own "db" check; ours (bounded, named as the endpoints) replaces it.
        environment.healthChecks().unregister("db");
        RetryableTransactions transactions = new RetryableTransactions(jdbi, metrics);

        RedisConnector redis = RedisConnector.connect(settings.redis());
        environment.lifecycle().manage(redis);

        Duration timeout = Duration.ofMillis(settings.healthProbes().getCheckTimeout().toMilliseconds());
        ExecutorService probes = environment.lifecycle().executorService("health-probe-%d")
                .minThreads(4).maxThreads(4).build();
        BoundedHealthCheck database = new BoundedHealthCheck("database",
                new DatabaseHealthCheck(jdbi, (int) Math.ceil(timeout.toMillis() / 1000.0)), probes, timeout);
        BoundedHealthCheck cache = new BoundedHealthCheck("redis", new RedisHealthCheck(redis), probes, timeout);
        environment.healthChecks().register(database.name(), database);
        environment.healthChecks().register(cache.name(), cache);

        DataSourceProxy pool = (DataSourceProxy) dataSource;
        registerPoolGauges(metrics, pool, redis);
        HealthGauges.register(metrics, database, cache);
        PrometheusEndpoint.register(environment, BuildInfo.current());

        DrainSwitch drain = new DrainSwitch();
        HealthService health = new HealthService(database, cache, drain, () -> DatabasePoolFigures.of(pool),
                redis::poolFigures, BuildInfo.current(), Instant.now());
        environment.jersey().register(new HealthResource(health));
        return new Platform(jdbi, transactions, redis, drain, health, sessionLimits,
                DatabaseNamespace.of(settings.database().getUrl()));
    }

    private static void registerErrorMappers(ServerFactory serverFactory, Environment environment) {
        // Dropwizard's default mappers answer in their own shapes; ours give every error one shape.
        if (serverFactory instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        environment.jersey().register(new ApiExceptionMapper());
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new JsonInputExceptionMapper());
        environment.jersey().register(new ValidationExceptionMapper());
        environment.jersey().register(new DatabaseTroubleMapper(environment.metrics().counter("caddy.db.unavailable")));
        environment.jersey().register(new EarlyEofExceptionMapper());
        environment.jersey().register(new UnexpectedErrorMapper());
    }

    private static void registerPoolGauges(MetricRegistry metrics, DataSourceProxy pool, RedisConnector redis) {
        metrics.register("caddy.db.pool.active", (Gauge<Integer>) pool::getActive);
        metrics.register("caddy.db.pool.idle", (Gauge<Integer>) pool::getIdle);
        metrics.register("caddy.db.pool.waiting", (Gauge<Integer>) pool::getWaitCount);
        metrics.register("caddy.db.pool.max", (Gauge<Integer>) pool::getMaxActive);
        metrics.register("caddy.redis.pool.active", (Gauge<Integer>) () -> orZero(redis.poolFigures().active()));
        metrics.register("caddy.redis.pool.idle", (Gauge<Integer>) () -> orZero(redis.poolFigures().idle()));
        metrics.register("caddy.redis.pool.waiting", (Gauge<Integer>) () -> orZero(redis.poolFigures().waiting()));
    }

    private static Duration toJava(io.dropwizard.util.Duration duration) {
        return Duration.ofMillis(duration.toMilliseconds());
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public RetryableTransactions transactions() {
        return transactions;
    }

    public RedisConnector redis() {
        return redis;
    }

    public DrainSwitch drain() {
        return drain;
    }

    public HealthService health() {
        return health;
    }

    /** What Redis keys of this database's rows are prefixed with ({@link DatabaseNamespace}). */
    public String databaseNamespace() {
        return databaseNamespace;
    }

    /** The bounds every pooled connection works under (admin tasks may lift them for one connection). */
    public SessionLimits sessionLimits() {
        return sessionLimits;
    }
}
