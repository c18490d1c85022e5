package com.caddyshop.platform.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Times every request of the application port, cached product reads included (it runs before every
 * other filter), into a histogram. Quantiles of one node's timer cannot be added up; buckets can, so
 * {@code histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m])))} is the fleet's p99.
 * Labels stay few (method and status class): per-route latency is in the per-resource timers.
 */
public final class RequestLatencyHistogram implements Filter {
    public static final String NAME = "caddy_http_server_request_duration_seconds";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    // From a cached read (~1 ms) to the statement timeout (10 s).
    private static final double[] BUCKETS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Histogram histogram;

    public RequestLatencyHistogram(PrometheusRegistry registry) {
        this.histogram = Histogram.builder()
                .name(NAME)
                .help("Time to answer a request on the application port, by method and status class")
                .labelNames("method", "status")
                .classicUpperBounds(BUCKETS)
                .classicOnly()
                .register(registry);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            int status = failed ? 500 : ((HttpServletResponse) response).getStatus();
            histogram.labelValues(method((HttpServletRequest) request), status / 100 + "xx")
                    .observe((System.nanoTime() - started) / 1e9);
        }
    }

    // Any other verb a client sends would be a label value of its own choosing.
    private static String method(HttpServletRequest request) {
        String method = request.getMethod();
        return METHODS.contains(method) ? method : "OTHER";
    }
}
