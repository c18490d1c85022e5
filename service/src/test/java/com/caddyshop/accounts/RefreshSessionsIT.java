package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refresh sessions with the defaults: a retry after a lost response (within JWT_REFRESH_GRACE) gets
 * the same successor, a later reuse ends the family and the account's access tokens, and a family
 * never outlives JWT_SESSION_MAX_AGE. "Later" and "older" are made by moving the stored times back
 * rather than by waiting.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class RefreshSessionsIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("refresh_sessions").extension();
    final AccountsClient client = new AccountsClient(APP);

    private static Jdbi database() {
        var db = APP.getConfiguration().getDatabase();
        return Jdbi.create(db.getUrl(), db.getUser(), db.getPassword());
    }

    private JsonNode login() {
        return client.registerAndLogin("refresh-" + UUID.randomUUID() + "@example.com", "refresh-password-1");
    }

    private Response refresh(String refreshToken) {
        return client.post("/api/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    private JsonNode refreshed(String refreshToken) {
        try (Response response = refresh(refreshToken)) {
            assertThat(response.getStatus()).as("refresh").isEqualTo(200);
            return response.readEntity(JsonNode.class);
        }
    }

    private int refreshStatus(String refreshToken) {
        try (Response response = refresh(refreshToken)) {
            return response.getStatus();
        }
    }

    private int meStatus(String accessToken) {
        try (Response response = client.request("/api/users/me", accessToken).get()) {
            return response.getStatus();
        }
    }

    /** A stored refresh token's own expiry and its family's end. */
    private record Expiries(Instant token, Instant family) {
    }

    private static Expiries session(String refreshToken) {
        return database().withHandle(h -> h.createQuery(
                        "SELECT expires_at, family_expires_at FROM user_sessions WHERE refresh_token_hash = :h")
                .bind("h", RefreshTokens.hash(refreshToken))
                .map((row, ctx) -> new Expiries(row.getTimestamp(1).toInstant(), row.getTimestamp(2).toInstant())).one());
    }

    private static void moveBack(String refreshToken, String column, Duration by) {
        database().useHandle(h -> h.createUpdate("UPDATE user_sessions SET " + column + " = DATE_SUB(" + column
                        + ", INTERVAL " + by.toSeconds() + " SECOND) WHERE refresh_token_hash = :h")
                .bind("h", RefreshTokens.hash(refreshToken)).execute());
    }

    @Test
    void aRetryAfterALostResponseGetsTheSameSuccessor() {
        String first = login().get("refreshToken").asText();
        JsonNode answered = refreshed(first);
        // The client never saw `answered` and retries with the same token.
        JsonNode retried = refreshed(first);
        assertThat(retried.get("refreshToken").asText()).isEqualTo(answered.get("refreshToken").asText());
        assertThat(meStatus(retried.get("accessToken").asText())).isEqualTo(200);
        assertThat(meStatus(answered.get("accessToken").asText())).as("nothing was revoked").isEqualTo(200);

        // The successor works; once it is used, the first token is a reuse even within the grace period.
        JsonNode next = refreshed(retried.get("refreshToken").asText());
        assertThat(refreshStatus(first)).isEqualTo(401);
        assertThat(refreshStatus(next.get("refreshToken").asText())).as("the family is revoked").isEqualTo(401);
        assertThat(meStatus(next.get("accessToken").asText())).as("and the account's access tokens").isEqualTo(401);
    }

    @Test
    void twoRefreshesWithOneTokenAtOnceBothGetTheSameSuccessor() throws Exception {
        String token = login().get("refreshToken").asText();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    try (Response response = refresh(token)) {
                        return response.getStatus() + " " + response.readEntity(JsonNode.class).path("refreshToken").asText();
                    }
                }));
            }
            start.countDown();
            String one = attempts.get(0).get(30, TimeUnit.SECONDS);
            String other = attempts.get(1).get(30, TimeUnit.SECONDS);
            assertThat(one).startsWith("200 ").isEqualTo(other);
            assertThat(refreshStatus(one.substring(4))).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReuseAfterTheGracePeriodEndsTheFamilyAndEveryAccessToken() {
        JsonNode login = login();
        String first = login.get("refreshToken").asText();
        JsonNode second = refreshed(first);
        moveBack(first, "rotated_at", Duration.ofSeconds(11));

        assertThat(refreshStatus(first)).isEqualTo(401);
        assertThat(refreshStatus(second.get("refreshToken").asText())).isEqualTo(401);
        assertThat(meStatus(second.get("accessToken").asText())).isEqualTo(401);
        assertThat(meStatus(login.get("accessToken").asText())).isEqualTo(401);
    }

    @Test
    void aLoggedOutTokenIsRefusedWithoutEndingOtherSessions() {
        JsonNode login = login();
        String email = database().withHandle(h -> h.createQuery(
                "SELECT u.email FROM users u JOIN user_sessions s ON s.user_id = u.id WHERE s.refresh_token_hash = :h")
                .bind("h", RefreshTokens.hash(login.get("refreshToken").asText())).mapTo(String.class).one());
        JsonNode other = client.login(email, "refresh-password-1").readEntity(JsonNode.class);
        try (Response response = client.request("/api/auth/logout", login.get("accessToken").asText())
                .post(jakarta.ws.rs.client.Entity.json(Map.of("refreshToken", login.get("refreshToken").asText())))) {
            assertThat(response.getStatus()).isEqualTo(204);
        }
        assertThat(refreshStatus(login.get("refreshToken").asText())).isEqualTo(401);
        assertThat(meStatus(other.get("accessToken").asText())).as("the other device stays signed in").isEqualTo(200);
    }

    @Test
    void aSessionEndsAfterItsMaximumAgeHoweverOftenItIsRefreshed() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String first = login().get("refreshToken").asText();
        Expiries opened = session(first);
        Instant familyEnd = opened.family();
        assertThat(familyEnd).as("JWT_SESSION_MAX_AGE defaults to 90 days")
                .isBetween(before.plus(Duration.ofDays(90)), Instant.now().plus(Duration.ofDays(90)).plusSeconds(1));
        assertThat(opened.token()).as("each token slides 30 days")
                .isBetween(before.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)).plusSeconds(1));

        String second = refreshed(first).get("refreshToken").asText();
        assertThat(session(second).family()).as("the family's end is inherited").isEqualTo(familyEnd);

        // 89 days and 23 hours later: the next token slides no further than the family's end.
        moveBack(second, "family_expires_at", Duration.ofDays(90).minusHours(1));
        String third = refreshed(second).get("refreshToken").asText();
        Expiries late = session(third);
        assertThat(late.token()).isEqualTo(late.family()).isBefore(Instant.now().plus(Duration.ofHours(1)).plusSeconds(1));

        // And past it, the family is over.
        moveBack(third, "family_expires_at", Duration.ofHours(2));
        assertThat(refreshStatus(third)).isEqualTo(401);
    }
}
