package com.caddyshop.ops;

import com.caddyshop.platform.db.LongStatements;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The data-consistency check the guide wrote as a MySQL EVENT, which TiDB does not have: counts
 * and cross-checks run by the service (admin task + systemd timer), each run recorded in
 * {@code system_checks}. Orders and their items have no foreign keys (orders is partitioned),
 * so this is where a broken pair would show; and every product's stock must be the sum of its
 * inventory ledger. The statements scan whole tables, so they run with the long bound of
 * {@link LongStatements} instead of a request's.
 */
public final class ConsistencyCheck {
    static final String NAME = "consistency";

    /** Each rule counts rows that should not exist. */
    static final Map<String, String> RULES = rules();

    private final Jdbi jdbi;
    private final LongStatements scans;
    private final ObjectMapper json;
    private final Clock clock;

    public ConsistencyCheck(Jdbi jdbi, LongStatements scans, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.scans = scans;
        this.json = json;
        this.clock = clock;
    }

    private static Map<String, String> rules() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("orders_without_items",
                "SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)");
        rules.put("items_without_order",
                "SELECT COUNT(*) FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id)");
        rules.put("orders_with_wrong_totals", """
                SELECT COUNT(*) FROM orders o
                JOIN (SELECT order_id, SUM(quantity) AS quantity, SUM(line_total) AS total
                      FROM order_items GROUP BY order_id) s ON s.order_id = o.id
                WHERE s.quantity <> o.item_count OR s.total <> o.total_amount""");
        rules.put("negative_stock", "SELECT COUNT(*) FROM products WHERE stock < 0");
        rules.put("stock_differs_from_ledger", """
                SELECT COUNT(*) FROM products p
                LEFT JOIN (SELECT product_id, SUM(delta) AS total FROM inventory_ledger GROUP BY product_id) l
                  ON l.product_id = p.id
                WHERE p.stock <> COALESCE(l.total, 0)""");
        rules.put("sessions_without_user",
                "SELECT COUNT(*) FROM user_sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id)");
        rules.put("profiles_without_user",
                "SELECT COUNT(*) FROM user_profiles p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.user_id)");
        return Collections.unmodifiableMap(rules);
    }

    public Report run() {
        Instant started = clock.instant();
        Map<String, Long> problems = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        scans.withHandle(handle -> {
            RULES.forEach((rule, sql) -> problems.put(rule, count(handle, sql)));
            for (String table : List.of("users", "products", "orders", "order_items", "user_sessions", "inventory_ledger")) {
                counts.put(table, count(handle, "SELECT COUNT(*) FROM " + table));
            }
            return null;
        });
        boolean ok = problems.values().stream().allMatch(n -> n == 0);
        Report report = new Report(ok ? "OK" : "FAILED", problems, counts, started, clock.instant());
        record(report);
        return report;
    }

    private void record(Report report) {
        String details;
        try {
            details = json.writeValueAsString(Map.of("problems", report.problems(), "counts", report.counts()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO system_checks (check_name, status, details, started_at, finished_at)
                        VALUES (:name, :status, :details, :started, :finished)""")
                .bind("name", NAME).bind("status", report.status()).bind("details", details)
                .bind("started", LocalDateTime.ofInstant(report.startedAt(), ZoneOffset.UTC))
                .bind("finished", LocalDateTime.ofInstant(report.finishedAt(), ZoneOffset.UTC))
                .execute());
    }

    private static long count(Handle handle, String sql) {
        return handle.createQuery(sql).mapTo(Long.class).one();
    }

    /** One run: {@code OK} when every rule counted zero. */
    public record Report(String status, Map<String, Long> problems, Map<String, Long> counts,
                         Instant startedAt, Instant finishedAt) {
        public long problemCount() {
            return problems.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
