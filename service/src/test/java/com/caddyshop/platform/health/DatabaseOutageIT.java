package com.caddyshop.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.MariaDbServer;
import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestDatabase;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database is critical: its loss takes the node out of rotation quickly, requests that need it
 * answer 503 with Retry-After (not 500), and it comes back by itself.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class DatabaseOutageIT {
    /** This class stops its MariaDB, so it gets one of its own. */
    static final Supplier<MariaDbServer> MARIADB = TestApp.memoize(MariaDbServer::start);
    static final Supplier<TestDatabase> DATABASE = TestApp.memoize(() -> {
        TestDatabase db = MARIADB.get().createDatabase("db_outage");
        Migrations.apply(db);
        return db;
    });
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.on(DATABASE)
            .redis(() -> RealServers.redis().port())
            .set("healthProbes.checkTimeout", () -> "1s")
            .set("database.properties.connectTimeout", () -> "500")
            .set("database.maxWaitForConnection", () -> "500ms")
            .extension();
    static final Client CLIENT = ClientBuilder.newBuilder()
            .connectTimeout(2, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS).build();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private static int status(String path) {
        try (Response response = CLIENT.target("http://127.0.0.1:" + APP.getLocalPort() + path).request().get()) {
            return response.getStatus();
        }
    }

    @Test
    void databaseDownAnswers503WithinTheTimeoutThenRecovers() {
        Await.until("/health/database to be healthy before the outage", Duration.ofSeconds(20), () -> status("/health/database") == 200);
        TestUser customer = TestTokens.createVerified(APP, Role.CUSTOMER);

        MARIADB.get().stop();

        // A request that needs the database: 503 with Retry-After in the one error shape, nothing internal.
        try (Response response = CLIENT.target("http://127.0.0.1:" + APP.getLocalPort() + "/api/orders").request()
                .header(HttpHeaders.AUTHORIZATION, customer.authorization()).get()) {
            String body = response.readEntity(String.class);
            assertThat(response.getStatus()).as(body).isEqualTo(503);
            assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
            assertThat(body).contains("\"code\":503").doesNotContainIgnoringCase("exception")
                    .doesNotContain("jdbc:").doesNotContain("errorId").doesNotContain(String.valueOf(MARIADB.get().port()));
        }

        // Many probes at once, as two HAProxies and Prometheus would send: none may hang.
        List<CompletableFuture<Integer>> probes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String path = i % 2 == 0 ? "/health/database" : "/health";
            probes.add(CompletableFuture.supplyAsync(() -> status(path)));
        }
        probes.forEach(p -> assertThat(p.join()).isEqualTo(503));
        try (Response response = CLIENT.target("http://127.0.0.1:" + APP.getLocalPort() + "/health/status").request().get()) {
            assertThat(response.getStatus()).isEqualTo(503);
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(body.toString()).doesNotContain("Exception").doesNotContain("jdbc:");
        }
        assertThat(status("/health/redis")).isEqualTo(200);

        MARIADB.get().restart();

        Await.until("/health/database to recover", Duration.ofSeconds(20), () -> status("/health/database") == 200);
        assertThat(status("/health")).isEqualTo(200);
    }
}
