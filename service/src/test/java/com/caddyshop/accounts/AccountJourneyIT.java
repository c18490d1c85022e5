package com.caddyshop.accounts;

import static com.caddyshop.accounts.AccountsClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An account's life through HTTP: register, log in, profile, refresh-token rotation, reuse, logout.
 * The refresh grace period is off here, so a second use of a token is always a reuse
 * ({@link RefreshSessionsIT} covers the grace period and the session's absolute lifetime).
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class AccountJourneyIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("account_journey")
            .set("jwt.refreshGrace", () -> "0s").extension();
    final AccountsClient client = new AccountsClient(APP);

    private static Jdbi database() {
        var db = APP.getConfiguration().getDatabase();
        return Jdbi.create(db.getUrl(), db.getUser(), db.getPassword());
    }

    private JsonNode refresh(String refreshToken, int expectedStatus) {
        try (Response response = client.post("/api/auth/refresh", Map.of("refreshToken", refreshToken))) {
            assertThat(response.getStatus()).isEqualTo(expectedStatus);
            return response.readEntity(JsonNode.class);
        }
    }

    private static int count(String sql, String name, String value) {
        return database().withHandle(h -> h.createQuery(sql).bind(name, value).mapTo(Integer.class).one());
    }

    private int meStatus(String accessToken) {
        try (Response response = client.request("/api/users/me", accessToken).get()) {
            return response.getStatus();
        }
    }

    @Test
    void registerLoginProfileRefreshReuseAndLogout() {
        // Register: the e-mail is stored in lower case, the display name in the profile.
        try (Response response = client.post("/api/auth/register",
                body("email", "Ada.Lovelace@Example.COM", "password", "correct horse battery", "displayName", "Ada"))) {
            assertThat(response.getStatus()).isEqualTo(201);
            assertThat(response.getHeaderString("Location")).endsWith("/api/users/me");
            JsonNode user = response.readEntity(JsonNode.class);
            assertThat(user.get("email").asText()).isEqualTo("ada.lovelace@example.com");
            assertThat(user.get("role").asText()).isEqualTo("CUSTOMER");
            assertThat(user.at("/profile/displayName").asText()).isEqualTo("Ada");
            assertThat(user.has("passwordHash")).isFalse();
        }

        // Login, with the address spelled differently.
        JsonNode login;
        try (Response response = client.login("ADA.lovelace@example.com", "correct horse battery")) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString("Cache-Control")).contains("no-store");
            login = response.readEntity(JsonNode.class);
        }
        assertThat(login.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(login.get("expiresIn").asLong()).as("JWT_EXPIRES_IN defaults to 15 minutes").isEqualTo(15 * 60);
        String access = login.get("accessToken").asText();
        String refresh1 = login.get("refreshToken").asText();
        assertThat(refresh1).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(refresh1)).hasSize(32);

        // Only the token's SHA-256 is stored, in a family.
        List<Map<String, Object>> sessions = database().withHandle(h -> h.createQuery(
                "SELECT family_id, client_ip FROM user_sessions WHERE refresh_token_hash = :h")
                .bind("h", RefreshTokens.hash(refresh1)).mapToMap().list());
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("client_ip")).isEqualTo("127.0.0.1");
        assertThat(count("SELECT COUNT(*) FROM user_sessions WHERE refresh_token_hash = :raw", "raw", refresh1)).isZero();
        String family = (String) sessions.get(0).get("family_id");

        // Me and profile.
        try (Response response = client.request("/api/users/me", access).get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            JsonNode me = response.readEntity(JsonNode.class);
            assertThat(me.get("email").asText()).isEqualTo("ada.lovelace@example.com");
            assertThat(me.get("createdAt").asText()).contains("T");
        }
        Map<String, Object> profile = body("displayName", "Ada L.", "phone", "+44 20 7946 0958",
                "addressLine1", "12 St James's Square", "city", "London", "postalCode", "SW1Y 4JH", "country", "GB");
        try (Response response = client.request("/api/users/me/profile", access).put(Entity.json(profile))) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.readEntity(JsonNode.class).get("country").asText()).isEqualTo("GB");
        }
        try (Response response = client.request("/api/users/me", access).get()) {
            JsonNode me = response.readEntity(JsonNode.class);
            assertThat(me.at("/profile/displayName").asText()).isEqualTo("Ada L.");
            assertThat(me.at("/profile/city").asText()).isEqualTo("London");
            assertThat(me.at("/profile/addressLine2").isNull()).isTrue();
        }

        // Rotation: a new pair, the old refresh token revoked, the new one in the same family.
        JsonNode rotated = refresh(refresh1, 200);
        String refresh2 = rotated.get("refreshToken").asText();
        assertThat(refresh2).isNotEqualTo(refresh1);
        assertThat(meStatus(rotated.get("accessToken").asText())).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM user_sessions WHERE family_id = :f AND revoked_at IS NULL", "f", family))
                .isEqualTo(1);

        // Reuse of the rotated token: refused, and the whole family with it, and every access token
        // of the account (its token generation is bumped): whoever holds the family is out.
        String rotatedAccess = rotated.get("accessToken").asText();
        JsonNode reused = refresh(refresh1, 401);
        assertThat(reused.get("code").asInt()).isEqualTo(401);
        refresh(refresh2, 401);
        assertThat(count("SELECT COUNT(*) FROM user_sessions WHERE family_id = :f AND revoked_at IS NULL", "f", family))
                .isZero();
        assertThat(meStatus(rotatedAccess)).as("access tokens end with the reuse").isEqualTo(401);
        assertThat(meStatus(access)).isEqualTo(401);

        // Two new logins; logout ends the refresh token and the access token of one of them.
        JsonNode second = client.login("ada.lovelace@example.com", "correct horse battery").readEntity(JsonNode.class);
        JsonNode third = client.login("ada.lovelace@example.com", "correct horse battery").readEntity(JsonNode.class);
        String access2 = second.get("accessToken").asText();
        assertThat(meStatus(access2)).isEqualTo(200);
        try (Response response = client.request("/api/auth/logout", access2)
                .post(Entity.json(Map.of("refreshToken", second.get("refreshToken").asText())))) {
            assertThat(response.getStatus()).isEqualTo(204);
        }
        assertThat(meStatus(access2)).isEqualTo(401);
        refresh(second.get("refreshToken").asText(), 401);
        // The third login's tokens were not the ones logged out.
        assertThat(meStatus(third.get("accessToken").asText())).isEqualTo(200);
        refresh(third.get("refreshToken").asText(), 200);
    }

    @Test
    void logoutWithoutBodyRevokesTheAccessTokenAndNeedsOne() {
        JsonNode login = client.registerAndLogin("grace@example.com", "hopper-1906-cobol");
        String access = login.get("accessToken").asText();
        try (Response response = client.request("/api/auth/logout", access).post(null)) {
            assertThat(response.getStatus()).isEqualTo(204);
        }
        assertThat(meStatus(access)).isEqualTo(401);
        try (Response response = client.request("/api/auth/logout").post(Entity.json(Map.of()))) {
            assertThat(response.getStatus()).isEqualTo(401);
        }
        // The refresh token was not given to logout, so it still works.
        assertThat(refresh(login.get("refreshToken").asText(), 200).get("accessToken").asText()).isNotBlank();
    }

    @Test
    void anotherUsersRefreshTokenIsNotEndedByMyLogout() {
        JsonNode mine = client.registerAndLogin("mine@example.com", "my-password-1");
        JsonNode theirs = client.registerAndLogin("theirs@example.com", "their-password-1");
        try (Response response = client.request("/api/auth/logout", mine.get("accessToken").asText())
                .post(Entity.json(Map.of("refreshToken", theirs.get("refreshToken").asText())))) {
            assertThat(response.getStatus()).isEqualTo(204);
        }
        refresh(theirs.get("refreshToken").asText(), 200);
    }

    @Test
    void twoRefreshesWithOneTokenAtOnceLeaveOneWinnerAndThenRevokeTheFamily() throws Exception {
        String refreshToken = client.registerAndLogin("race@example.com", "race-password-1").get("refreshToken").asText();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonNode>> attempts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    try (Response response = client.post("/api/auth/refresh", Map.of("refreshToken", refreshToken))) {
                        return response.getStatus() == 200 ? response.readEntity(JsonNode.class) : null;
                    }
                }));
            }
            start.countDown();
            List<JsonNode> winners = new ArrayList<>();
            for (Future<JsonNode> attempt : attempts) {
                JsonNode result = attempt.get(30, TimeUnit.SECONDS);
                if (result != null) {
                    winners.add(result);
                }
            }
            // The row lock orders them: the first rotates, the second is a reuse and revokes the family.
            assertThat(winners).hasSize(1);
            refresh(winners.get(0).get("refreshToken").asText(), 401);
        } finally {
            pool.shutdownNow();
        }
    }
}
