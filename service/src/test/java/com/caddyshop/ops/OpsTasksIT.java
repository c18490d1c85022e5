package com.caddyshop.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopApplication;
import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin-port tasks against a real MariaDB through the real admin port. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class OpsTasksIT {
    static final CountDownLatch RELEASE_SLOW_REQUEST = new CountDownLatch(1);
    static final CountDownLatch SLOW_REQUEST_STARTED = new CountDownLatch(1);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("ops_tasks")
            .application(WithSlowEndpoint.class).extension();

    public static class WithSlowEndpoint extends CaddyShopApplication {
        @Override
        public void run(CaddyShopConfiguration config, Environment environment) {
            super.run(config, environment);
            environment.jersey().register(new Slow());
        }
    }

    /** A request that stays in flight until the test lets it finish. */
    @Path("/test/slow")
    public static class Slow {
        @GET
        public String slow() throws InterruptedException {
            SLOW_REQUEST_STARTED.countDown();
            if (!RELEASE_SLOW_REQUEST.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return "finished";
        }
    }

    private Response task(String name) {
        return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/" + name)
                .request().post(Entity.text(""));
    }

    private int health() {
        try (Response response = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/health").request().get()) {
            return response.getStatus();
        }
    }

    private Jdbi jdbi() {
        var db = APP.getConfiguration().getDatabase();
        return Jdbi.create(db.getUrl(), db.getUser(), db.getPassword());
    }

    @Test
    void drainTurnsHealthTo503WhileInFlightRequestsFinish() throws Exception {
        assertThat(health()).isEqualTo(200);
        Future<Response> inFlight = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/test/slow")
                .request().async().get();
        assertThat(SLOW_REQUEST_STARTED.await(10, TimeUnit.SECONDS)).isTrue();

        try (Response drained = task("drain")) {
            assertThat(drained.getStatus()).isEqualTo(200);
            assertThat(drained.readEntity(String.class)).contains("requests in flight: 1");
        }
        assertThat(health()).isEqualTo(503);
        try (Response status = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/health").request().get()) {
            assertThat(status.readEntity(JsonNode.class).get("status").asText()).isEqualTo("DRAINING");
        }

        RELEASE_SLOW_REQUEST.countDown();
        try (Response finished = inFlight.get(10, TimeUnit.SECONDS)) {
            assertThat(finished.getStatus()).isEqualTo(200);
            assertThat(finished.readEntity(String.class)).isEqualTo("finished");
        }
        try (Response waited = task("drain?wait=5")) {
            assertThat(waited.readEntity(String.class)).contains("requests in flight: 0");
        }

        task("resume").close();
        assertThat(health()).isEqualTo(200);
    }

    @Test
    void consistencyCheckRecordsItsRunAndFindsABrokenOrder() throws Exception {
        long before = jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM system_checks")
                .mapTo(Long.class).one());
        try (Response clean = task("consistency-check")) {
            JsonNode report = APP.getObjectMapper().readTree(clean.readEntity(String.class));
            assertThat(report.get("status").asText()).isEqualTo("OK");
        }
        // An order whose items are missing: what a crash between two non-transactional writes would leave.
        jdbi().useHandle(h -> h.execute("INSERT INTO orders (created_at, user_id, status, total_amount, item_count, updated_at)"
                + " VALUES (UTC_TIMESTAMP(3), 1, 'PENDING', 12.50, 1, UTC_TIMESTAMP(3))"));

        try (Response broken = task("consistency-check")) {
            JsonNode report = APP.getObjectMapper().readTree(broken.readEntity(String.class));
            assertThat(report.get("status").asText()).isEqualTo("FAILED");
            assertThat(report.at("/problems/orders_without_items").asLong()).isEqualTo(1);
            assertThat(report.at("/counts/orders").asLong()).isEqualTo(1);
        }
        List<String> recorded = jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM system_checks WHERE check_name = 'consistency' AND id > :before ORDER BY id")
                .bind("before", before).mapTo(String.class).list());
        assertThat(recorded).containsExactly("OK", "FAILED");
        try (Response metrics = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus").request().get()) {
            assertThat(metrics.readEntity(String.class)).contains("caddy_consistency_problems 1.0");
        }
        jdbi().useHandle(h -> h.execute("DELETE FROM orders"));
    }

    @Test
    void consistencyCheckFindsStockThatTheLedgerDoesNotExplain() throws Exception {
        // Stock changed behind the service's back (a manual UPDATE): no ledger row says why.
        long product = jdbi().withHandle(h -> {
            h.execute("INSERT IGNORE INTO categories (slug, name) VALUES ('ops', 'Ops')");
            return h.createUpdate("INSERT INTO products (category_id, sku, name, price, stock)"
                    + " SELECT id, 'OPS-LEDGER', 'Counted', 1.00, 5 FROM categories WHERE slug = 'ops'")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        try (Response broken = task("consistency-check")) {
            JsonNode report = APP.getObjectMapper().readTree(broken.readEntity(String.class));
            assertThat(report.get("status").asText()).isEqualTo("FAILED");
            assertThat(report.at("/problems/stock_differs_from_ledger").asLong()).isEqualTo(1);
        }

        jdbi().useHandle(h -> h.execute("INSERT INTO inventory_ledger (product_id, delta, kind, reason)"
                + " VALUES (?, 5, 'ADJUSTMENT', 'counted by hand')", product));
        try (Response fixed = task("consistency-check")) {
            JsonNode report = APP.getObjectMapper().readTree(fixed.readEntity(String.class));
            assertThat(report.at("/problems/stock_differs_from_ledger").asLong()).isZero();
            assertThat(report.at("/counts/inventory_ledger").asLong()).isPositive();
        }
    }

    @Test
    void purgeExpiredRemovesOnlyExpiredIdempotencyKeysAndOldSessions() {
        jdbi().useHandle(h -> {
            h.execute("INSERT INTO users (id, email, password_hash) VALUES (4242, 'purge@test.local', 'x')");
            h.execute("INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, expires_at) VALUES"
                    + " (4242, 'old', REPEAT('a', 64), UTC_TIMESTAMP(3) - INTERVAL 1 HOUR),"
                    + " (4242, 'live', REPEAT('b', 64), UTC_TIMESTAMP(3) + INTERVAL 1 HOUR)");
            h.execute("INSERT INTO user_sessions (user_id, refresh_token_hash, family_id, expires_at, revoked_at) VALUES"
                    + " (4242, REPEAT('c', 64), 'f1', UTC_TIMESTAMP(3) - INTERVAL 8 DAY, NULL),"
                    + " (4242, REPEAT('d', 64), 'f2', UTC_TIMESTAMP(3) + INTERVAL 20 DAY, UTC_TIMESTAMP(3) - INTERVAL 1 DAY),"
                    + " (4242, REPEAT('e', 64), 'f3', UTC_TIMESTAMP(3) + INTERVAL 20 DAY, NULL)");
        });

        try (Response purged = task("purge-expired")) {
            assertThat(purged.readEntity(String.class))
                    .contains("idempotency_keys: 1 deleted").contains("user_sessions: 1 deleted");
        }
        List<String> keys = jdbi().withHandle(h -> h.createQuery(
                "SELECT idempotency_key FROM idempotency_keys WHERE user_id = 4242").mapTo(String.class).list());
        List<String> families = jdbi().withHandle(h -> h.createQuery(
                "SELECT family_id FROM user_sessions WHERE user_id = 4242 ORDER BY family_id").mapTo(String.class).list());
        assertThat(keys).containsExactly("live");
        assertThat(families).as("a session revoked yesterday is kept to recognise replays").containsExactly("f2", "f3");
        jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE id = 4242"));
    }

    @Test
    void purgeExpiredRemovesAccountTokensThatAreExpiredOrUsedAndKeepsLiveOnes() {
        jdbi().useHandle(h -> {
            h.execute("INSERT INTO users (id, email, password_hash) VALUES (4343, 'tokens@test.local', 'x')");
            h.execute("""
                    INSERT INTO account_tokens (token_hash, purpose, user_id, created_at, expires_at, used_at) VALUES
                     (REPEAT('1', 64), 'password_reset', 4343, UTC_TIMESTAMP(3) - INTERVAL 2 HOUR,
                      UTC_TIMESTAMP(3) - INTERVAL 90 MINUTE, NULL),
                     (REPEAT('2', 64), 'password_reset', 4343, UTC_TIMESTAMP(3) - INTERVAL 5 MINUTE,
                      UTC_TIMESTAMP(3) + INTERVAL 25 MINUTE, UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE),
                     (REPEAT('3', 64), 'password_reset', 4343, UTC_TIMESTAMP(3),
                      UTC_TIMESTAMP(3) + INTERVAL 30 MINUTE, NULL),
                     (REPEAT('4', 64), 'verify_email', 4343, UTC_TIMESTAMP(3) - INTERVAL 1 DAY,
                      UTC_TIMESTAMP(3) + INTERVAL 1 DAY, NULL)""");
        });

        try (Response purged = task("purge-expired")) {
            assertThat(purged.getStatus()).isEqualTo(200);
            assertThat(purged.readEntity(String.class)).contains("account_tokens: 2 deleted");
        }
        List<String> kept = jdbi().withHandle(h -> h.createQuery(
                "SELECT LEFT(token_hash, 1) FROM account_tokens WHERE user_id = 4343 ORDER BY token_hash")
                .mapTo(String.class).list());
        assertThat(kept).as("the expired and the used token are gone, the two usable ones stay").containsExactly("3", "4");
        try (Response again = task("purge-expired")) {
            assertThat(again.readEntity(String.class)).contains("account_tokens: 0 deleted");
        }
        jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE id = 4343"));
    }

    @Test
    void ensurePartitionsAddsMonthsBeyondTheNewestAndIsIdempotent() {
        try (Response first = task("ensure-partitions?months=20")) {
            assertThat(first.getStatus()).isEqualTo(200);
            assertThat(first.readEntity(String.class)).startsWith("added partitions:");
        }
        try (Response again = task("ensure-partitions?months=20")) {
            assertThat(again.readEntity(String.class)).isEqualTo("partitions already in place\n");
        }
        List<String> partitions = jdbi().withHandle(h -> h.createQuery("""
                SELECT partition_name FROM information_schema.partitions
                WHERE table_schema = DATABASE() AND table_name = 'orders' ORDER BY partition_ordinal_position""")
                .mapTo(String.class).list());
        assertThat(partitions.get(partitions.size() - 1)).isEqualTo("pmax");
        String newest = partitions.get(partitions.size() - 2);
        String expected = java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(20)
                .format(java.time.format.DateTimeFormatter.ofPattern("'p'yyyyMM"));
        assertThat(newest).isEqualTo(expected);
        try (Response bad = task("ensure-partitions?months=abc")) {
            assertThat(bad.getStatus()).isGreaterThanOrEqualTo(400);
        }
    }
}
