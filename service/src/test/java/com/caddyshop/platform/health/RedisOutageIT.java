package com.caddyshop.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis is not critical: its loss makes the service DEGRADED, never DOWN, and it recovers by itself. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class RedisOutageIT {
    /** This class stops its Redis, so it gets one of its own. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("redis_outage")
            .redis(() -> REDIS.get().port())
            .set("healthProbes.checkTimeout", () -> "1s")
            .extension();
    /** A client that gives up well after the check timeout, so a hanging endpoint fails the test. */
    static final Client CLIENT = ClientBuilder.newBuilder()
            .connectTimeout(2, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS).build();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private static Response get(String path) {
        return CLIENT.target("http://127.0.0.1:" + APP.getLocalPort() + path).request().get();
    }

    private static int status(String path) {
        try (Response response = get(path)) {
            return response.getStatus();
        }
    }

    @Test
    void redisDownDegradesThenRecoversWithoutRestart() {
        Await.until("/health/redis to be healthy before the outage", Duration.ofSeconds(20), () -> status("/health/redis") == 200);

        REDIS.get().stop();

        assertThat(status("/health/redis")).isEqualTo(503);
        try (Response response = get("/health/status")) {
            assertThat(response.getStatus()).as("degraded still serves traffic").isEqualTo(200);
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(body.at("/checks/redis/status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/database/status").asText()).isEqualTo("UP");
        }
        assertThat(status("/health/database")).isEqualTo(200);
        assertThat(status("/health")).as("HAProxy keeps a node whose cache is down").isEqualTo(200);
        try (Response admin = CLIENT.target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request().get()) {
            assertThat(admin.readEntity(JsonNode.class).at("/redis/healthy").asBoolean()).isFalse();
        }

        REDIS.get().restart();

        Await.until("/health/redis to recover", Duration.ofSeconds(15), () -> status("/health/redis") == 200);
        try (Response response = get("/health/status")) {
            assertThat(response.readEntity(JsonNode.class).get("status").asText()).isEqualTo("UP");
        }
    }
}
