package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * While Redis is down a logout's revocation cannot be seen: admin routes then fail closed (503 with
 * Retry-After), customer routes go on, and the token generation is still checked, from the database.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class AuthRedisOutageIT {
    /** This class stops its Redis, so it gets one of its own. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("auth_redis_outage")
            .redis(() -> REDIS.get().port()).extension();

    final AccountsClient client = new AccountsClient(APP);

    private static int status(Response response) {
        try (response) {
            return response.getStatus();
        }
    }

    @Test
    void adminRoutesFailClosedCustomerRoutesGoOnAndGenerationsStillCount() {
        String admin = TestTokens.create(APP, Role.ADMIN).token();
        JsonNode customer = client.registerAndLogin("outage@example.com", "outage-password-1");
        String access = customer.get("accessToken").asText();
        JsonNode other = client.login("outage@example.com", "outage-password-1").readEntity(JsonNode.class);
        assertThat(status(client.request("/api/admin/orders", admin).get())).isEqualTo(200);

        REDIS.get().stop();
        try {
            try (Response response = client.request("/api/admin/orders", admin).get()) {
                assertThat(response.getStatus()).as("admin route, revocation unknown").isEqualTo(503);
                assertThat(Long.parseLong(response.getHeaderString("Retry-After"))).isPositive();
                JsonNode body = response.readEntity(JsonNode.class);
                assertThat(body.get("code").asInt()).isEqualTo(503);
                assertThat(body.get("message").asText()).doesNotContain("Redis").doesNotContain("Exception");
            }
            assertThat(status(client.request("/api/admin/users", admin).get())).isEqualTo(503);
            assertThat(status(client.request("/api/admin/orders", access).get())).as("a customer is still no admin")
                    .isEqualTo(403);
            assertThat(status(client.request("/api/users/me", access).get())).as("customer route fails open").isEqualTo(200);

            // A password change while Redis is down still ends the other sessions: the generation
            // is read from the database when Redis cannot give it.
            try (Response changed = client.request("/api/users/me/password", access).put(Entity.json(
                    Map.of("currentPassword", "outage-password-1", "newPassword", "outage-password-2")))) {
                assertThat(changed.getStatus()).isEqualTo(200);
            }
            assertThat(status(client.request("/api/users/me", other.get("accessToken").asText()).get())).isEqualTo(401);
        } finally {
            REDIS.get().restart();
        }
        Await.until("admin routes to answer again", Duration.ofSeconds(15),
                () -> status(client.request("/api/admin/orders", admin).get()) == 200);
        assertThat(status(client.request("/api/users/me", other.get("accessToken").asText()).get()))
                .as("Redis back with a stale copy or none: the bump still holds").isEqualTo(401);
        assertThat(APP.getEnvironment().metrics().counter("caddy.auth.revocation_unchecked").getCount()).isPositive();
    }
}
