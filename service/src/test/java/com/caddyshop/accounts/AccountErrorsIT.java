package com.caddyshop.accounts;

import static com.caddyshop.accounts.AccountsClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every refusal of the account endpoints, in the one error shape. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class AccountErrorsIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("account_errors").extension();
    final AccountsClient client = new AccountsClient(APP);

    private static JsonNode error(Response response, int status) {
        try (response) {
            assertThat(response.getStatus()).isEqualTo(status);
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.get("code").asInt()).isEqualTo(status);
            assertThat(body.get("message").asText()).isNotBlank();
            assertThat(body.has("details")).isTrue();
            return body;
        }
    }

    private static List<String> fields(JsonNode error) {
        List<String> fields = new ArrayList<>();
        error.get("details").forEach(detail -> fields.add(detail.get("field").asText()));
        return fields;
    }

    @Test
    void aDuplicateRegistrationIs409WhateverTheCase() {
        try (Response first = client.register("dup@example.com", "long-enough-1")) {
            assertThat(first.getStatus()).isEqualTo(201);
        }
        JsonNode error = error(client.register("DUP@Example.com", "another-password"), 409);
        assertThat(fields(error)).containsExactly("email");
    }

    @Test
    void badEmailAndShortOrLongPasswordsAre422WithTheirFieldNames() {
        assertThat(fields(error(client.register("not-an-email", "short"), 422))).containsExactlyInAnyOrder("email", "password");
        assertThat(fields(error(client.register("someone@nodot", "long-enough-1"), 422))).containsExactly("email");
        assertThat(fields(error(client.post("/api/auth/register", Map.of("password", "long-enough-1")), 422)))
                .containsExactly("email");
        // 40 characters but 80 bytes: bcrypt would silently ignore the last 8, so it is refused.
        assertThat(fields(error(client.register("long@example.com", "é".repeat(40)), 422))).containsExactly("password");
        try (Response exactly72 = client.register("seventytwo@example.com", "a".repeat(72))) {
            assertThat(exactly72.getStatus()).isEqualTo(201);
        }
        assertThat(fields(error(client.post("/api/auth/login", Map.of("email", "x@example.com")), 422)))
                .containsExactly("password");
    }

    @Test
    void anAddressThatOutgrowsTheColumnWhenLowerCasedIs422() {
        // 254 characters as sent, the limit (a local part of at most 64, domain labels of at most 63);
        // each "İ" lower-cases to two characters ("i" and a combining dot), so it becomes 318.
        String grows = "İ".repeat(64) + "@" + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(57) + ".com";
        assertThat(grows).hasSize(254);
        JsonNode error = error(client.register(grows, "long-enough-1"), 422);
        assertThat(fields(error)).containsExactly("email");
        assertThat(error.get("details").get(0).get("message").asText()).contains("lower-cased");
        try (Response fits = client.register("İ".repeat(60) + "@example.com", "long-enough-1")) {
            assertThat(fits.getStatus()).as("still within the column once lower-cased").isEqualTo(201);
        }
    }

    @Test
    void malformedJsonIs400() {
        error(client.request("/api/auth/register").post(Entity.entity("{\"email\": ", MediaType.APPLICATION_JSON)), 400);
        error(client.request("/api/auth/login").post(Entity.entity("[1, 2", MediaType.APPLICATION_JSON)), 400);
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheIdentical401() {
        client.registerAndLogin("known@example.com", "the-right-password");
        String wrongPassword;
        try (Response response = client.login("known@example.com", "not-the-password")) {
            assertThat(response.getStatus()).isEqualTo(401);
            wrongPassword = response.readEntity(String.class);
        }
        String unknownAccount;
        try (Response response = client.login("nobody@example.com", "not-the-password")) {
            assertThat(response.getStatus()).isEqualTo(401);
            unknownAccount = response.readEntity(String.class);
        }
        assertThat(unknownAccount).isEqualTo(wrongPassword).contains("\"code\":401");
    }

    @Test
    void accountEndpointsNeedAToken() {
        error(client.request("/api/users/me").get(), 401);
        error(client.request("/api/users/me", "not.a.token").get(), 401);
        error(client.request("/api/users/me/profile").put(Entity.json(Map.of("city", "Paris"))), 401);
        error(client.request("/api/auth/logout").post(Entity.json(Map.of())), 401);
    }

    @Test
    void anInvalidProfileIs422NamingEachField() {
        String access = client.registerAndLogin("profile@example.com", "profile-password").get("accessToken").asText();
        JsonNode error = error(client.request("/api/users/me/profile", access).put(Entity.json(body(
                "displayName", "x".repeat(101), "phone", "call me", "postalCode", "<script>", "country", "XX"))), 422);
        assertThat(fields(error)).containsExactlyInAnyOrder("displayName", "phone", "postalCode", "country");
        error(client.request("/api/users/me/profile", access).put(Entity.json(Map.of("country", "fr"))), 422);
        error(client.request("/api/users/me/profile", access).put(Entity.entity("{", MediaType.APPLICATION_JSON)), 400);
    }

    @Test
    void garbageRefreshTokensAre401() {
        error(client.post("/api/auth/refresh", Map.of("refreshToken", "made-up")), 401);
        assertThat(fields(error(client.post("/api/auth/refresh", Map.of()), 422))).containsExactly("refreshToken");
    }
}
