package com.caddyshop.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopApplication;
import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.platform.BuildInfo;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class HealthEndpointsIT {
    static final TestApp SETUP = TestApp.onSharedServers("health").application(WithFailingEndpoint.class);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = SETUP.extension();

    /** The real application plus one endpoint that fails unexpectedly, to see what clients and logs get. */
    public static class WithFailingEndpoint extends CaddyShopApplication {
        @Override
        public void run(CaddyShopConfiguration config, Environment environment) {
            super.run(config, environment);
            environment.jersey().register(new Failing());
        }
    }

    @Path("/test/explode")
    public static class Failing {
        @GET
        public String explode() {
            throw new IllegalStateException("secret internal detail: table users is corrupt");
        }
    }

    private Response get(String path) {
        return APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request().get();
    }

    @Test
    void allFourHealthEndpointsAnswer200() {
        for (String path : new String[] {"/health", "/health/status", "/health/database", "/health/redis"}) {
            try (Response response = get(path)) {
                assertThat(response.getStatus()).as(path).isEqualTo(200);
                assertThat(response.getHeaderString("Cache-Control")).as(path).contains("no-store");
            }
        }
        try (Response response = get("/health")) {
            assertThat(response.readEntity(JsonNode.class).get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void statusReportsVersionUptimeChecksAndPools() {
        try (Response response = get("/health/status")) {
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
            assertThat(body.get("commit").asText()).as("stamped from the Git checkout at build time")
                    .matches("[0-9a-f]{12}");
            assertThat(body.get("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(body.at("/checks/database/status").asText()).isEqualTo("UP");
            assertThat(body.at("/checks/database/latencyMs").isNumber()).isTrue();
            assertThat(body.at("/checks/redis/status").asText()).isEqualTo("UP");
            assertThat(body.at("/pools/database/max").asInt()).isPositive();
            assertThat(body.at("/pools/redis/max").asInt()).isPositive();
        }
    }

    @Test
    void adminHealthcheckAgreesWithTheApplicationPort() {
        try (Response response = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck")
                .request().get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.at("/database/healthy").asBoolean()).isTrue();
            assertThat(body.at("/redis/healthy").asBoolean()).isTrue();
            assertThat(body.has("db")).as("JdbiFactory's duplicate check is replaced").isFalse();
        }
    }

    @Test
    void prometheusEndpointServesJvmJettyJerseyAndServiceMetrics() {
        get("/health").close();
        try (Response response = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus")
                .request().get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString("Content-Type")).startsWith("text/plain");
            String text = response.readEntity(String.class);
            assertThat(text)
                    .contains("jvm_memory_heap_used")
                    .contains("jetty_requests_seconds")
                    .contains("jetty_responses_total{status=\"2xx\"}")
                    .contains("com_caddyshop_platform_health_HealthResource_health")
                    .contains("caddy_health{check=\"database\"} 1.0")
                    .contains("caddy_health{check=\"redis\"} 1.0")
                    .contains("caddy_db_pool_active")
                    .contains("caddy_redis_pool_active");
            BuildInfo build = BuildInfo.current();
            assertThat(text).contains("caddy_build_info{commit=\"" + build.commit() + "\",version=\""
                    + build.version() + "\"} 1");
            // Buckets, not quantiles: the fleet's p99 is computed across nodes from these.
            assertThat(text).containsPattern(
                    "caddy_http_server_request_duration_seconds_bucket\\{method=\"GET\",status=\"2xx\",le=\"\\+Inf\"} [1-9]");
        }
    }

    @Test
    void unexpectedErrorGivesAnIdToTheClientAndTheStackToErrorLog() throws Exception {
        String errorId;
        try (Response response = get("/test/explode")) {
            assertThat(response.getStatus()).isEqualTo(500);
            String raw = response.readEntity(String.class);
            assertThat(raw).doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
            JsonNode body = APP.getObjectMapper().readTree(raw);
            assertThat(body.get("code").asInt()).isEqualTo(500);
            errorId = body.get("errorId").asText();
            assertThat(errorId).isNotBlank();
        }
        java.nio.file.Path errorLog = SETUP.logFile("error.log");
        Await.until("error.log to record " + errorId, Duration.ofSeconds(10),
                () -> Files.exists(errorLog) && Files.readString(errorLog).contains(errorId));
        String errors = Files.readString(errorLog);
        assertThat(errors).contains("IllegalStateException").doesNotContain(" INFO ");
    }

    @Test
    void accessLogRecordsRequests() {
        get("/health/database?probe=access-log").close();
        java.nio.file.Path accessLog = SETUP.logFile("access.log");
        Await.until("access.log to record the request", Duration.ofSeconds(10),
                () -> Files.exists(accessLog) && Files.readString(accessLog).contains("GET /health/database?probe=access-log"));
    }

    @Test
    void unknownPathIsA404InTheErrorShape() {
        try (Response response = get("/no/such/thing")) {
            assertThat(response.getStatus()).isEqualTo(404);
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.get("code").asInt()).isEqualTo(404);
            assertThat(body.get("message").asText()).isNotBlank();
            assertThat(body.get("details").isArray()).isTrue();
        }
    }
}
