package com.caddyshop.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.PlainHttp;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** Redis stopped: requests are still answered, never 500, and the per-node limiter still says 429. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class RateLimitFallbackIT {
    static final int LIMIT = 3;
    /** This class stops its Redis, so it gets one of its own. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("rate_limit_fallback")
            .redis(() -> REDIS.get().port())
            .set("throttler.limit", () -> String.valueOf(LIMIT))
            .set("throttler.ttlSeconds", () -> "300")
            .extension();

    static Response get(String path, TestTokens.TestUser user) {
        return PlainHttp.CLIENT.target("http://127.0.0.1:" + APP.getLocalPort() + path).request()
                .header("Authorization", user.authorization()).get();
    }

    static boolean redisHasBudgets() {
        try (RedisClient redis = REDIS.get().client()) {
            return !redis.keys(RedisFixedWindowLimiter.KEY_PREFIX + "*").isEmpty();
        }
    }

    @Test
    void withoutRedisTheNodeLimitsAloneAndReturnsToRedisAfterwards() {
        TestTokens.TestUser first = TestTokens.create(APP, Role.CUSTOMER);
        try (Response response = get("/api/users/me", first)) {
            assertThat(response.getStatus()).isEqualTo(200);
        }
        assertThat(redisHasBudgets()).isTrue();

        REDIS.get().stop();

        // Logout cannot revoke the access token without Redis: it says so instead of pretending.
        TestTokens.TestUser third = TestTokens.create(APP, Role.CUSTOMER);
        try (Response response = PlainHttp.CLIENT.target("http://127.0.0.1:" + APP.getLocalPort() + "/api/auth/logout")
                .request().header("Authorization", third.authorization()).post(Entity.json(Map.of()))) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString(RateLimitHeaders.REMAINING)).as("counted on this node").isEqualTo(String.valueOf(LIMIT - 1));
        }

        // The address (every test client is 127.0.0.1) has used one unit of this node's budget.
        TestTokens.TestUser second = TestTokens.create(APP, Role.CUSTOMER);
        for (int i = 2; i <= LIMIT; i++) {
            try (Response response = get("/api/users/me", second)) {
                assertThat(response.getStatus()).as("request %d without Redis", i).isEqualTo(200);
                assertThat(response.getHeaderString(RateLimitHeaders.REMAINING)).isEqualTo(String.valueOf(LIMIT - i));
            }
        }
        try (Response response = get("/api/users/me", second)) {
            assertThat(response.getStatus()).as("the fallback is no open door").isEqualTo(429);
            assertThat(response.getHeaderString(RateLimitHeaders.RETRY_AFTER)).isNotBlank();
        }
        try (Response health = PlainHttp.CLIENT.target("http://127.0.0.1:" + APP.getLocalPort() + "/health").request().get()) {
            assertThat(health.getStatus()).isEqualTo(200);
        }
        String metrics = PlainHttp.CLIENT.target("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus").request().get(String.class);
        assertThat(metrics).containsPattern("(?m)^caddy_ratelimit_fallback_decisions_total [1-9]");

        REDIS.get().restart();

        TestTokens.TestUser fourth = TestTokens.create(APP, Role.CUSTOMER);
        Await.until("rate limiting through Redis again", Duration.ofSeconds(20), () -> {
            try (Response response = get("/api/users/me", fourth)) {
                return response.getStatus() == 200 && redisHasBudgets();
            }
        });
    }
}
