package com.caddyshop.platform.metrics;

import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.CustomLabelMapper;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.MapperConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;

/**
 * Serves every Dropwizard metric in Prometheus text format on the admin port at {@code /prometheus}.
 * Names that encode a dimension become labels ({@code jetty_responses_total{status="5xx"}},
 * {@code caddy_health{check="redis"}}); the request timer gets a name that says its unit.
 */
public final class PrometheusEndpoint {
    public static final String PATH = "/prometheus";
    private static final MetricFilter CLAIMED = LabelledFamilies.claimed();
    /**
     * Jersey's per-resource ".total" timers would export as "X_total", which Prometheus naming
     * folds into "X" and so collides with the resource timer itself; the filtering-phase timers
     * are noise at this level. The resource timer remains.
     */
    private static final MetricFilter BRIDGED = (name, metric) -> !CLAIMED.matches(name, metric)
            && !name.endsWith(".total") && !name.endsWith(".request.filtering") && !name.endsWith(".response.filtering");

    private PrometheusEndpoint() {
    }

    public static void register(Environment environment) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registerExports(environment.metrics(), registry);
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
    }

    static void registerExports(MetricRegistry metrics, PrometheusRegistry registry) {
        registry.register(new LabelledFamilies(metrics));
        OnePerPrometheusName unique = new OnePerPrometheusName();
        MetricFilter filter = (name, metric) -> BRIDGED.matches(name, metric) && unique.matches(name, metric);
        registry.register(new DropwizardExports(metrics, filter, new CustomLabelMapper(List.of(new MapperConfig(
                "io.dropwizard.jetty.MutableServletContextHandler.requests", "jetty_requests_seconds", Map.of())))));
    }
}
