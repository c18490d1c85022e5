package com.caddyshop.accounts;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.PlainHttp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The account endpoints as a client calls them, for the accounts and rate-limit tests. */
public final class AccountsClient {
    private final DropwizardAppExtension<CaddyShopConfiguration> app;

    public AccountsClient(DropwizardAppExtension<CaddyShopConfiguration> app) {
        this.app = app;
    }

    public Invocation.Builder request(String path) {
        return PlainHttp.CLIENT.target("http://127.0.0.1:" + app.getLocalPort() + path).request();
    }

    public Invocation.Builder request(String path, String accessToken) {
        return request(path).header("Authorization", "Bearer " + accessToken);
    }

    public Response post(String path, Object body) {
        return request(path).post(Entity.json(body));
    }

    public Response register(String email, String password) {
        return post("/api/auth/register", Map.of("email", email, "password", password));
    }

    public Response login(String email, String password) {
        return post("/api/auth/login", Map.of("email", email, "password", password));
    }

    /** Registers and logs in; returns the login body (accessToken, refreshToken, ...). */
    public JsonNode registerAndLogin(String email, String password) {
        try (Response registered = register(email, password)) {
            if (registered.getStatus() != 202) {
                throw new AssertionError("registration failed: " + registered.getStatus() + " " + registered.readEntity(String.class));
            }
        }
        try (Response login = login(email, password)) {
            if (login.getStatus() != 200) {
                throw new AssertionError("login failed: " + login.getStatus() + " " + login.readEntity(String.class));
            }
            return login.readEntity(JsonNode.class);
        }
    }

    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
