package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestDatabase;
import com.caddyshop.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change that takes something away from an account ends its access tokens at once, on every
 * node: two app nodes share one database and one Redis; the change is made through node A and
 * the old token is refused by node B on its very next request (no waiting, no retry).
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class SessionEndingIT {
    static final Supplier<TestDatabase> DATABASE = TestApp.migratedDatabase("session_ending");
    static final DropwizardAppExtension<CaddyShopConfiguration> NODE_A = node();
    static final DropwizardAppExtension<CaddyShopConfiguration> NODE_B = node();
    static final String PASSWORD = "session-ending-1";

    static DropwizardAppExtension<CaddyShopConfiguration> node() {
        return TestApp.on(DATABASE).redis(() -> RealServers.redis().port()).extension();
    }

    final AccountsClient a = new AccountsClient(NODE_A);
    final AccountsClient b = new AccountsClient(NODE_B);

    private static String email() {
        return "ending-" + UUID.randomUUID() + "@example.com";
    }

    private static int status(Response response) {
        try (response) {
            return response.getStatus();
        }
    }

    private static int me(AccountsClient node, String access) {
        return status(node.request("/api/users/me", access).get());
    }

    private static int adminOrders(AccountsClient node, String access) {
        return status(node.request("/api/admin/orders", access).get());
    }

    private static long idOf(AccountsClient node, String access) {
        try (Response response = node.request("/api/users/me", access).get()) {
            return response.readEntity(JsonNode.class).get("id").asLong();
        }
    }

    private static Response put(AccountsClient node, String path, String access, Map<String, Object> body) {
        return node.request(path, access).put(Entity.json(body));
    }

    @Test
    void disablingAnAccountEndsItsTokensOnEveryNodeAtOnce() {
        String email = email();
        JsonNode login = a.registerAndLogin(email, PASSWORD);
        String access = login.get("accessToken").asText();
        assertThat(me(b, access)).isEqualTo(200);
        String admin = TestTokens.create(NODE_A, Role.ADMIN).token();

        assertThat(status(put(a, "/api/admin/users/" + idOf(a, access) + "/status", admin,
                Map.of("status", "DISABLED", "reason", "chargeback fraud")))).isEqualTo(200);

        assertThat(me(b, access)).as("node B, right after node A disabled the account").isEqualTo(401);
        assertThat(me(a, access)).isEqualTo(401);
        assertThat(status(b.post("/api/auth/refresh", Map.of("refreshToken", login.get("refreshToken").asText()))))
                .isEqualTo(401);
        assertThat(status(b.login(email, PASSWORD))).isEqualTo(401);
    }

    @Test
    void aDemotedAdminIsNoAdminAnyMoreOnAnyNode() {
        String email = email();
        a.registerAndLogin(email, PASSWORD);
        String root = TestTokens.create(NODE_A, Role.ADMIN).token();
        long id = idOf(a, a.login(email, PASSWORD).readEntity(JsonNode.class).get("accessToken").asText());
        assertThat(status(put(a, "/api/admin/users/" + id + "/role", root, Map.of("role", "ADMIN")))).isEqualTo(200);
        JsonNode asAdmin = a.login(email, PASSWORD).readEntity(JsonNode.class);
        String adminAccess = asAdmin.get("accessToken").asText();
        assertThat(adminOrders(b, adminAccess)).isEqualTo(200);

        assertThat(status(put(a, "/api/admin/users/" + id + "/role", root, Map.of("role", "CUSTOMER")))).isEqualTo(200);

        assertThat(adminOrders(b, adminAccess)).as("the admin token, on node B, at once").isEqualTo(401);
        // The refresh session goes on, with the role the account has now.
        JsonNode refreshed;
        try (Response response = b.post("/api/auth/refresh", Map.of("refreshToken", asAdmin.get("refreshToken").asText()))) {
            assertThat(response.getStatus()).isEqualTo(200);
            refreshed = response.readEntity(JsonNode.class);
        }
        assertThat(adminOrders(a, refreshed.get("accessToken").asText())).isEqualTo(403);
        assertThat(me(a, refreshed.get("accessToken").asText())).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsEverySessionButTheNewOne() {
        String email = email();
        JsonNode other = a.registerAndLogin(email, PASSWORD);
        JsonNode mine = a.login(email, PASSWORD).readEntity(JsonNode.class);
        JsonNode changed;
        try (Response response = put(b, "/api/users/me/password", mine.get("accessToken").asText(),
                Map.of("currentPassword", PASSWORD, "newPassword", "a-brand-new-password"))) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString("Cache-Control")).contains("no-store");
            changed = response.readEntity(JsonNode.class);
        }
        assertThat(me(a, other.get("accessToken").asText())).as("another device's token, on node A").isEqualTo(401);
        assertThat(me(a, mine.get("accessToken").asText())).as("the caller's old token too").isEqualTo(401);
        assertThat(status(a.post("/api/auth/refresh", Map.of("refreshToken", other.get("refreshToken").asText()))))
                .isEqualTo(401);
        assertThat(me(a, changed.get("accessToken").asText())).as("the new session").isEqualTo(200);
        assertThat(status(a.post("/api/auth/refresh", Map.of("refreshToken", changed.get("refreshToken").asText()))))
                .isEqualTo(200);
        assertThat(status(a.login(email, PASSWORD))).isEqualTo(401);
        assertThat(status(a.login(email, "a-brand-new-password"))).isEqualTo(200);
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        String email = email();
        String access = a.registerAndLogin(email, PASSWORD).get("accessToken").asText();
        try (Response response = put(a, "/api/users/me/password", access,
                Map.of("currentPassword", "not-my-password", "newPassword", "a-brand-new-password"))) {
            assertThat(response.getStatus()).isEqualTo(422);
            assertThat(response.readEntity(JsonNode.class).at("/details/0/field").asText()).isEqualTo("currentPassword");
        }
        assertThat(status(put(a, "/api/users/me/password", access, Map.of("currentPassword", PASSWORD, "newPassword", "short"))))
                .isEqualTo(422);
        assertThat(me(b, access)).isEqualTo(200);
        assertThat(status(a.login(email, PASSWORD))).isEqualTo(200);
    }

    @Test
    void logoutEverywhereEndsEveryTokenOnEveryNode() {
        String email = email();
        JsonNode phone = a.registerAndLogin(email, PASSWORD);
        JsonNode laptop = b.login(email, PASSWORD).readEntity(JsonNode.class);
        assertThat(status(a.request("/api/auth/logout-all", laptop.get("accessToken").asText()).post(null))).isEqualTo(204);

        assertThat(me(b, phone.get("accessToken").asText())).isEqualTo(401);
        assertThat(me(b, laptop.get("accessToken").asText())).isEqualTo(401);
        assertThat(me(a, laptop.get("accessToken").asText())).isEqualTo(401);
        for (JsonNode device : new JsonNode[] {phone, laptop}) {
            assertThat(status(b.post("/api/auth/refresh", Map.of("refreshToken", device.get("refreshToken").asText()))))
                    .isEqualTo(401);
        }
        assertThat(status(a.request("/api/auth/logout-all").post(null))).as("needs a token").isEqualTo(401);
        assertThat(me(a, a.login(email, PASSWORD).readEntity(JsonNode.class).get("accessToken").asText()))
                .as("signing in again works").isEqualTo(200);
    }
}
