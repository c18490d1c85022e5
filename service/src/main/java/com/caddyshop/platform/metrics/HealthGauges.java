package com.caddyshop.platform.metrics;

import com.caddyshop.platform.health.BoundedHealthCheck;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.time.Duration;

/**
 * {@code caddy_health{check="..."}}: 1 healthy, 0 failing. A scrape reuses a recent probe rather
 * than starting a new one, so Prometheus adds no load to the database.
 */
public final class HealthGauges {
    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private HealthGauges() {
    }

    public static void register(MetricRegistry metrics, BoundedHealthCheck... checks) {
        for (BoundedHealthCheck check : checks) {
            metrics.register("caddy.health." + check.name(),
                    (Gauge<Integer>) () -> check.latest(MAX_AGE).healthy() ? 1 : 0);
        }
    }
}
