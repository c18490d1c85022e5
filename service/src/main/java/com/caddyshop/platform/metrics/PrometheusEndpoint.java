package com.caddyshop.platform.metrics;

import com.caddyshop.platform.BuildInfo;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.CustomLabelMapper;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.MapperConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
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

    /** Call before any other filter of the application port is added: the latency histogram must time them all. */
    public static void register(Environment environment, BuildInfo build) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registerExports(environment.metrics(), registry);
        registerBuildInfo(registry, build);
        environment.servlets().addFilter("request-latency", new RequestLatencyHistogram(registry))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
    }

    /** caddy_build_info{version,commit} 1: which build each node runs, e.g. during a rolling update. */
    static void registerBuildInfo(PrometheusRegistry registry, BuildInfo build) {
        Info.builder().name("caddy_build_info").help("The version and commit of the running build")
                .labelNames("version", "commit").register(registry)
                .addLabelValues(build.version(), build.commit());
    }

    static void registerExports(MetricRegistry metrics, PrometheusRegistry registry) {
        registry.register(new LabelledFamilies(metrics));
        OnePerPrometheusName unique = new OnePerPrometheusName();
        MetricFilter filter = (name, metric) -> BRIDGED.matches(name, metric) && unique.matches(name, metric);
        registry.register(new DropwizardExports(metrics, filter, new CustomLabelMapper(List.of(new MapperConfig(
                "io.dropwizard.jetty.MutableServletContextHandler.requests", "jetty_requests_seconds", Map.of())))));
    }
}
