package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.Platform;
import com.caddyshop.platform.config.ThrottlerSettings;
import com.caddyshop.platform.readalong.ReadAlong;
import com.codahale.metrics.Counter;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Rate limiting, built once in {@code run()}: the shared limiter (Redis, with the per-node fallback),
 * which features use for budgets of their own (login); the servlet filter that resolves each
 * request's client address once ({@link ClientAddresses#resolvedFor}); and the API-wide filter,
 * registered once the accounts feature can say whose a bearer token is.
 * Rejections are counted in {@code caddy.ratelimit.rejections} (Prometheus:
 * {@code caddy_ratelimit_rejections_total}).
 */
public final class RateLimiting {
    public static final String REJECTIONS = "caddy.ratelimit.rejections";
    /** Enough distinct clients for a busy node; beyond it the fallback counts newcomers together. */
    static final int FALLBACK_MAX_CLIENTS = 100_000;

    private final Environment environment;
    private final ThrottlerSettings settings;
    private final RateLimiter limiter;
    private final Counter rejections;
    private final List<ReadAlong> readAlongs = new CopyOnWriteArrayList<>();

    private RateLimiting(Environment environment, ThrottlerSettings settings, RateLimiter limiter, Counter rejections) {
        this.environment = environment;
        this.settings = settings;
        this.limiter = limiter;
        this.rejections = rejections;
    }

    /**
     * @param settings the budgets ({@code THROTTLER_*})
     * @param trustedProxies {@code TRUSTED_PROXIES}, whose {@code X-Forwarded-For} is believed
     */
    public static RateLimiting start(ThrottlerSettings settings, List<String> trustedProxies, Environment environment,
                                     Platform platform) {
        RateLimiter limiter = new FailoverRateLimiter(
                new LeasingRateLimiter(new RedisFixedWindowLimiter(platform.redis().client())),
                new LocalFixedWindowLimiter(FALLBACK_MAX_CLIENTS), environment.metrics());
        ClientAddresses addresses = new ClientAddresses(TrustedProxies.of(trustedProxies),
                environment.metrics().counter(ClientAddresses.UNTRUSTED_FORWARDED_FOR));
        environment.jersey().register(new TooManyRequests());
        environment.servlets().addFilter("client-address", new ClientAddressFilter(addresses))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        return new RateLimiting(environment, settings, limiter, environment.metrics().counter(REJECTIONS));
    }

    /**
     * Limits every {@code /api} request per caller. The budget is returned for features that answer
     * some requests in front of Jersey: they count those themselves, once.
     */
    public ApiBudget protectApi(CallerIdentity callers) {
        RateLimit policy = new RateLimit("api", settings.getLimit(), Duration.ofSeconds(settings.getTtlSeconds()));
        ApiBudget budget = new ApiBudget(limiter, policy, callers, rejections);
        environment.jersey().register(new ApiRateLimitFilter(budget, readAlongs));
        return budget;
    }

    /** Lets the API filter fetch a request's cached value in the rate limiter's round trip; call before the server starts. */
    public void readAlong(ReadAlong readAlong) {
        readAlongs.add(readAlong);
    }

    public RateLimiter limiter() {
        return limiter;
    }

    public ThrottlerSettings settings() {
        return settings;
    }

    /** Counts a rejection decided outside the API filter (a login budget). */
    public Counter rejections() {
        return rejections;
    }
}
