package com.caddyshop.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {

    private static String scrape(MetricRegistry metrics) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        PrometheusEndpoint.registerExports(metrics, registry);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jettyResponseClassesBecomeOneCounterWithAStatusLabel() throws IOException {
        MetricRegistry metrics = new MetricRegistry();
        metrics.meter("io.dropwizard.jetty.MutableServletContextHandler.2xx-responses").mark(3);
        metrics.meter("io.dropwizard.jetty.MutableServletContextHandler.5xx-responses").mark(1);
        metrics.timer("io.dropwizard.jetty.MutableServletContextHandler.requests").update(20, TimeUnit.MILLISECONDS);

        String text = scrape(metrics);

        assertThat(text).contains("jetty_responses_total{status=\"2xx\"} 3.0");
        assertThat(text).contains("jetty_responses_total{status=\"5xx\"} 1.0");
        assertThat(text).contains("jetty_requests_seconds{quantile=\"0.99\"} 0.02");
        assertThat(text).contains("jetty_requests_seconds_count 1");
    }

    @Test
    void jvmGaugesOfADropwizardBootstrapExport() throws IOException {
        io.dropwizard.core.setup.Bootstrap<?> bootstrap = new io.dropwizard.core.setup.Bootstrap<>(
                new io.dropwizard.core.Application<io.dropwizard.core.Configuration>() {
                    @Override
                    public void run(io.dropwizard.core.Configuration configuration, io.dropwizard.core.setup.Environment environment) {
                    }
                });
        bootstrap.registerMetrics();

        String text = scrape(bootstrap.getMetricRegistry());

        assertThat(text).contains("jvm_memory_heap_used").contains("jvm_threads_count");
    }

    @Test
    void namesThatCollideAfterSanitizingNeverBreakTheScrape() throws IOException {
        MetricRegistry metrics = new MetricRegistry();
        metrics.timer("shop.Resource.list").update(1, TimeUnit.MILLISECONDS);
        metrics.timer("shop.Resource.list.total").update(1, TimeUnit.MILLISECONDS);
        metrics.counter("shop.a-b").inc();
        metrics.counter("shop.a_b").inc();

        String text = scrape(metrics);

        assertThat(text).contains("shop_Resource_list_count 1").contains("shop_a_b");
    }

    @Test
    void healthGaugesCarryTheCheckName() throws IOException {
        MetricRegistry metrics = new MetricRegistry();
        metrics.register("caddy.health.database", (Gauge<Integer>) () -> 1);
        metrics.register("caddy.health.redis", (Gauge<Integer>) () -> 0);

        String text = scrape(metrics);

        assertThat(text).contains("caddy_health{check=\"database\"} 1.0").contains("caddy_health{check=\"redis\"} 0.0");
    }
}
