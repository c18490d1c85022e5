package com.caddyshop.platform.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metered;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dropwizard metrics whose names encode a dimension, exported as one Prometheus family with a
 * label each. The generic bridge emits one family per Dropwizard metric and refuses two families
 * of the same name, so these few are assembled here and filtered out of the bridge.
 */
final class LabelledFamilies implements MultiCollector {
    private static final List<Family> FAMILIES = List.of(
            new Family(Pattern.compile("io\\.dropwizard\\.jetty\\.MutableServletContextHandler\\.([1-5]xx)-responses"),
                    "jetty_responses", "status", "HTTP responses of the application port by status class", true),
            new Family(Pattern.compile("caddy\\.payments\\.webhook\\.([a-z_]+)"),
                    "caddy_payment_webhook_events", "outcome", "Payment webhook deliveries by outcome", true),
            new Family(Pattern.compile("caddy\\.health\\.([a-z]+)"),
                    "caddy_health", "check", "1 when the health check passes, 0 when it fails", false));

    private final MetricRegistry metrics;

    LabelledFamilies(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    /** The metrics this collector exports, to be left out of the generic bridge. */
    static MetricFilter claimed() {
        return (name, metric) -> FAMILIES.stream().anyMatch(f -> f.pattern().matcher(name).matches());
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        for (Family family : FAMILIES) {
            if (family.counter()) {
                CounterSnapshot.Builder counter = CounterSnapshot.builder().name(family.name()).help(family.help());
                forEachMatch(family, (label, metric) -> {
                    if (metric instanceof Metered metered) {
                        counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .labels(Labels.of(family.label(), label)).value(metered.getCount()).build());
                    }
                });
                snapshots.metricSnapshot(counter.build());
            } else {
                GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family.name()).help(family.help());
                forEachMatch(family, (label, metric) -> {
                    if (metric instanceof Gauge<?> g && g.getValue() instanceof Number value) {
                        gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                .labels(Labels.of(family.label(), label)).value(value.doubleValue()).build());
                    }
                });
                snapshots.metricSnapshot(gauge.build());
            }
        }
        return snapshots.build();
    }

    private void forEachMatch(Family family, java.util.function.BiConsumer<String, Metric> action) {
        for (Map.Entry<String, Metric> entry : metrics.getMetrics().entrySet()) {
            Matcher matcher = family.pattern().matcher(entry.getKey());
            if (matcher.matches()) {
                action.accept(matcher.group(1), entry.getValue());
            }
        }
    }

    private record Family(Pattern pattern, String name, String label, String help, boolean counter) {
    }
}
