package com.caddyshop.platform.metrics;

import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricFilter;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two Dropwizard names can sanitize to one Prometheus name ("a-b" and "a_b", or "x" and the
 * counter "x.total"), and the bridge then fails the whole scrape. This filter lets the first
 * Dropwizard name of each Prometheus name through, always the same one, and warns once about the
 * others, so no library metric can take every dashboard and alert down.
 */
final class OnePerPrometheusName implements MetricFilter {
    private static final Logger LOG = LoggerFactory.getLogger(OnePerPrometheusName.class);

    private final Map<String, String> owners = new ConcurrentHashMap<>();

    @Override
    public boolean matches(String name, Metric metric) {
        String key = PrometheusNaming.prometheusName(PrometheusNaming.sanitizeMetricName(name)).replaceAll("[^a-zA-Z0-9_:]", "_");
        if (key.endsWith("_total")) {
            key = key.substring(0, key.length() - "_total".length());
        }
        String owner = owners.putIfAbsent(key, name);
        if (owner == null || owner.equals(name)) {
            return true;
        }
        if (owners.putIfAbsent(key + "\u0000" + name, name) == null) {
            LOG.warn("metric {} would be exported under the same Prometheus name as {}; it is left out", name, owner);
        }
        return false;
    }
}
