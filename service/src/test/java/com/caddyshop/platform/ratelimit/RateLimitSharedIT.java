package com.caddyshop.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.testing.PlainHttp;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** Two app nodes on one Redis count one client against one budget. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class RateLimitSharedIT {
    static final int LIMIT = 5;
    /** A Redis of this class alone, flushed before each test, so budgets start empty. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> NODE_A = node("rate_limit_node_a");
    static final DropwizardAppExtension<CaddyShopConfiguration> NODE_B = node("rate_limit_node_b");

    static DropwizardAppExtension<CaddyShopConfiguration> node(String hint) {
        return TestApp.onSharedServers(hint)
                .redis(() -> REDIS.get().port())
                .set("throttler.limit", () -> String.valueOf(LIMIT))
                .set("throttler.ttlSeconds", () -> "300")
                .extension();
    }

    @BeforeEach
    void emptyBudgets() {
        try (RedisClient redis = REDIS.get().client()) {
            redis.flushAll();
        }
    }

    static Response get(DropwizardAppExtension<CaddyShopConfiguration> node, String path, String authorization) {
        var request = PlainHttp.CLIENT.target("http://127.0.0.1:" + node.getLocalPort() + path).request();
        return (authorization == null ? request : request.header("Authorization", authorization)).get();
    }

    @Test
    void oneClientHasOneBudgetAcrossNodes() {
        for (int i = 1; i <= LIMIT; i++) {
            try (Response response = get(i % 2 == 1 ? NODE_A : NODE_B, "/api/users/me", null)) {
                assertThat(response.getStatus()).as("request %d is let through (to auth)", i).isEqualTo(401);
                assertThat(response.getHeaderString(RateLimitHeaders.LIMIT)).isEqualTo(String.valueOf(LIMIT));
                assertThat(response.getHeaderString(RateLimitHeaders.REMAINING)).isEqualTo(String.valueOf(LIMIT - i));
                assertThat(Long.parseLong(response.getHeaderString(RateLimitHeaders.RESET))).isBetween(1L, 300L);
            }
        }
        for (DropwizardAppExtension<CaddyShopConfiguration> node : java.util.List.of(NODE_B, NODE_A)) {
            try (Response response = get(node, "/api/users/me", null)) {
                assertThat(response.getStatus()).isEqualTo(429);
                assertThat(Long.parseLong(response.getHeaderString(RateLimitHeaders.RETRY_AFTER))).isBetween(1L, 300L);
                assertThat(response.getHeaderString(RateLimitHeaders.REMAINING)).isEqualTo("0");
                JsonNode body = response.readEntity(JsonNode.class);
                assertThat(body.get("code").asInt()).isEqualTo(429);
                assertThat(body.get("message").asText()).startsWith("Too many requests");
            }
        }
        try (Response response = get(NODE_A, "/api/no-such-resource", null)) {
            assertThat(response.getStatus()).as("unknown paths are counted too").isEqualTo(429);
        }
    }

    @Test
    void healthIsNeverLimitedAndRejectionsAreCounted() {
        for (int i = 0; i <= LIMIT; i++) {
            get(NODE_A, "/api/users/me", null).close();
        }
        for (int i = 0; i < 2 * LIMIT; i++) {
            try (Response health = get(NODE_A, "/health", null)) {
                assertThat(health.getStatus()).isEqualTo(200);
                assertThat(health.getHeaderString(RateLimitHeaders.LIMIT)).isNull();
            }
        }
        String metrics = PlainHttp.CLIENT.target("http://127.0.0.1:" + NODE_A.getAdminPort() + "/prometheus")
                .request().get(String.class);
        assertThat(metrics).containsPattern("(?m)^caddy_ratelimit_rejections_total [1-9]");
    }

    @Test
    void aSignedInUserIsCountedAsThemselvesAndByTheirAddress() {
        TestTokens.TestUser user = TestTokens.create(NODE_A, Role.CUSTOMER);
        try (Response response = get(NODE_A, "/api/users/me", user.authorization())) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString(RateLimitHeaders.REMAINING)).isEqualTo(String.valueOf(LIMIT - 1));
        }
        for (int i = 1; i < LIMIT; i++) {
            get(NODE_B, "/api/users/me", null).close();
        }
        try (Response response = get(NODE_A, "/api/users/me", user.authorization())) {
            assertThat(response.getStatus()).as("signing in does not add to the address's budget").isEqualTo(429);
        }
        try (Response response = get(NODE_A, "/api/users/me", "Bearer made.up.token")) {
            assertThat(response.getStatus()).as("an invalid token is counted by address").isEqualTo(429);
        }
    }
}
