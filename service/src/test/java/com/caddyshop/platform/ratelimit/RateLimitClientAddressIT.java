package com.caddyshop.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.PlainHttp;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * {@code X-Forwarded-For} is believed from a trusted proxy only (the test client is 127.0.0.1,
 * trusted by one node and not by the other), and logins have their own, smaller budgets.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class RateLimitClientAddressIT {
    static final int LIMIT = 10;
    static final int LOGIN_LIMIT = 3;
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> BEHIND_PROXY = node("rate_limit_proxy", "127.0.0.1");
    static final DropwizardAppExtension<CaddyShopConfiguration> DIRECT = node("rate_limit_direct", "");

    static DropwizardAppExtension<CaddyShopConfiguration> node(String hint, String trustedProxies) {
        return TestApp.onSharedServers(hint)
                .redis(() -> REDIS.get().port())
                .set("trustedProxies", () -> trustedProxies)
                .set("throttler.limit", () -> String.valueOf(LIMIT))
                .set("throttler.ttlSeconds", () -> "300")
                .set("throttler.loginLimit", () -> String.valueOf(LOGIN_LIMIT))
                .set("throttler.loginTtlSeconds", () -> "300")
                .extension();
    }

    @BeforeEach
    void emptyBudgets() {
        try (RedisClient redis = REDIS.get().client()) {
            redis.flushAll();
        }
    }

    static Response get(DropwizardAppExtension<CaddyShopConfiguration> node, String forwardedFor) {
        return PlainHttp.CLIENT.target("http://127.0.0.1:" + node.getLocalPort() + "/api/users/me").request()
                .header(ClientAddresses.FORWARDED_FOR, forwardedFor).get();
    }

    static Response post(String path, String forwardedFor, Map<String, String> body) {
        return PlainHttp.CLIENT.target("http://127.0.0.1:" + BEHIND_PROXY.getLocalPort() + path).request()
                .header(ClientAddresses.FORWARDED_FOR, forwardedFor).post(Entity.json(body));
    }

    static int login(String forwardedFor, String email, String password) {
        try (Response response = post("/api/auth/login", forwardedFor, Map.of("email", email, "password", password))) {
            return response.getStatus();
        }
    }

    static int status(Response response) {
        try (response) {
            return response.getStatus();
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget() {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(status(get(BEHIND_PROXY, "203.0.113.1"))).isEqualTo(401);
        }
        assertThat(status(get(BEHIND_PROXY, "203.0.113.1"))).isEqualTo(429);
        assertThat(status(get(BEHIND_PROXY, "203.0.113.2"))).as("another client behind the proxy").isEqualTo(401);
        assertThat(status(get(BEHIND_PROXY, "198.51.100.99, 203.0.113.1")))
                .as("what the client wrote left of the proxy's entry is ignored").isEqualTo(429);
    }

    @Test
    void fromAnUntrustedPeerForwardedForIsIgnored() {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(status(get(DIRECT, "203.0.113." + (i + 1)))).isEqualTo(401);
        }
        assertThat(status(get(DIRECT, "203.0.113.200"))).as("all counted as 127.0.0.1").isEqualTo(429);
    }

    @Test
    void loginsAreLimitedPerAccountFromAnyAddress() {
        try (Response registered = post("/api/auth/register", "192.0.2.200",
                Map.of("email", "target@example.com", "password", "the-real-password"))) {
            assertThat(registered.getStatus()).isEqualTo(201);
        }
        for (int i = 1; i <= LOGIN_LIMIT; i++) {
            assertThat(login("192.0.2." + i, "target@example.com", "guess-" + i)).isEqualTo(401);
        }
        try (Response response = post("/api/auth/login", "192.0.2.50",
                Map.of("email", "TARGET@example.com", "password", "the-real-password"))) {
            assertThat(response.getStatus()).as("the account's budget is spent, whatever the address").isEqualTo(429);
            assertThat(response.getHeaderString(RateLimitHeaders.LIMIT)).isEqualTo(String.valueOf(LOGIN_LIMIT));
            assertThat(Long.parseLong(response.getHeaderString(RateLimitHeaders.RETRY_AFTER))).isBetween(1L, 300L);
            assertThat(response.readEntity(JsonNode.class).get("code").asInt()).isEqualTo(429);
        }
        assertThat(login("192.0.2.51", "someone-else@example.com", "whatever")).isEqualTo(401);
    }

    @Test
    void loginsAreLimitedPerAddressAcrossAccounts() {
        try (Response registered = post("/api/auth/register", "192.0.2.201",
                Map.of("email", "fresh@example.com", "password", "fresh-password"))) {
            assertThat(registered.getStatus()).isEqualTo(201);
        }
        try (Response ok = post("/api/auth/login", "198.51.100.7", Map.of("email", "fresh@example.com", "password", "fresh-password"))) {
            assertThat(ok.getStatus()).isEqualTo(200);
            assertThat(ok.getHeaderString(RateLimitHeaders.LIMIT)).as("the stricter login budget is reported")
                    .isEqualTo(String.valueOf(LOGIN_LIMIT));
            assertThat(ok.getHeaderString(RateLimitHeaders.REMAINING)).isEqualTo(String.valueOf(LOGIN_LIMIT - 1));
        }
        assertThat(login("198.51.100.7", "a@example.com", "x")).isEqualTo(401);
        assertThat(login("198.51.100.7", "b@example.com", "x")).isEqualTo(401);
        assertThat(login("198.51.100.7", "c@example.com", "x")).isEqualTo(429);
        assertThat(login("198.51.100.8", "c@example.com", "x")).as("another address").isEqualTo(401);
    }
}
