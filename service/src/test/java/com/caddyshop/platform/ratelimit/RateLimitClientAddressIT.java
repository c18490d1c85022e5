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
 * trusted by one node and not by the other), and is counted when it comes from anyone else. With
 * the forwarded addresses, each budget is checked per address: signed-in traffic per user and per
 * address, logins per address and per account at an address (with a ceiling per account that
 * slows attempts down but locks nobody out), registrations per address.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class RateLimitClientAddressIT {
    static final int LIMIT = 10;
    static final int LOGIN_LIMIT = 3;
    static final int LOGIN_ADDRESS_LIMIT = 5;
    static final int LOGIN_ACCOUNT_LIMIT = 5;
    static final int LOGIN_MAX_DELAY = 60;
    static final int REGISTER_LIMIT = 3;
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
                .set("throttler.loginAddressLimit", () -> String.valueOf(LOGIN_ADDRESS_LIMIT))
                .set("throttler.loginAccountLimit", () -> String.valueOf(LOGIN_ACCOUNT_LIMIT))
                .set("throttler.loginMaxDelaySeconds", () -> String.valueOf(LOGIN_MAX_DELAY))
                .set("throttler.loginTtlSeconds", () -> "300")
                .set("throttler.registerLimit", () -> String.valueOf(REGISTER_LIMIT))
                .extension();
    }

    @BeforeEach
    void emptyBudgets() {
        try (RedisClient redis = REDIS.get().client()) {
            redis.flushAll();
        }
    }

    static Response get(DropwizardAppExtension<CaddyShopConfiguration> node, String forwardedFor) {
        return get(node, forwardedFor, null);
    }

    static Response get(DropwizardAppExtension<CaddyShopConfiguration> node, String forwardedFor, TestTokens.TestUser user) {
        var request = PlainHttp.CLIENT.target("http://127.0.0.1:" + node.getLocalPort() + "/api/users/me").request()
                .header(ClientAddresses.FORWARDED_FOR, forwardedFor);
        return (user == null ? request : request.header("Authorization", user.authorization())).get();
    }

    static long untrustedForwardedFor(DropwizardAppExtension<CaddyShopConfiguration> node) {
        return node.getEnvironment().metrics().counter(ClientAddresses.UNTRUSTED_FORWARDED_FOR).getCount();
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
    void fromAnUntrustedPeerForwardedForIsIgnoredAndCounted() {
        long before = untrustedForwardedFor(DIRECT);
        long trustedBefore = untrustedForwardedFor(BEHIND_PROXY);
        for (int i = 0; i < LIMIT; i++) {
            assertThat(status(get(DIRECT, "203.0.113." + (i + 1)))).isEqualTo(401);
        }
        assertThat(status(get(DIRECT, "203.0.113.200"))).as("all counted as 127.0.0.1").isEqualTo(429);
        assertThat(untrustedForwardedFor(DIRECT) - before).as("caddy_ratelimit_untrusted_forwarded_for_total")
                .isEqualTo(LIMIT + 1);
        assertThat(status(get(BEHIND_PROXY, "203.0.113.1"))).isEqualTo(401);
        assertThat(untrustedForwardedFor(BEHIND_PROXY)).as("from a trusted proxy it is no news").isEqualTo(trustedBefore);
    }

    @Test
    void signedInTrafficCountsPerUserAndPerAddress() {
        TestTokens.TestUser one = TestTokens.create(BEHIND_PROXY, Role.CUSTOMER);
        TestTokens.TestUser two = TestTokens.create(BEHIND_PROXY, Role.CUSTOMER);
        for (int i = 0; i < 6; i++) {
            assertThat(status(get(BEHIND_PROXY, "203.0.113.77", one))).isEqualTo(200);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(status(get(BEHIND_PROXY, "203.0.113.77", two))).isEqualTo(200);
        }
        assertThat(status(get(BEHIND_PROXY, "203.0.113.77", two))).as("a second account does not double the address's budget")
                .isEqualTo(429);
        assertThat(status(get(BEHIND_PROXY, "203.0.113.77"))).as("nor does signing out").isEqualTo(429);
        // User one has used 6 of its own budget: 4 more from other addresses, then none from any.
        for (int i = 0; i < 4; i++) {
            assertThat(status(get(BEHIND_PROXY, "203.0.113." + (80 + i), one))).isEqualTo(200);
        }
        try (Response response = get(BEHIND_PROXY, "203.0.113.99", one)) {
            assertThat(response.getStatus()).as("a user spread over many addresses has one budget").isEqualTo(429);
            assertThat(response.getHeaderString(RateLimitHeaders.REMAINING)).isEqualTo("0");
        }
    }

    @Test
    void registrationsHaveABudgetPerAddress() {
        for (int i = 0; i < REGISTER_LIMIT; i++) {
            try (Response response = post("/api/auth/register", "192.0.2.90",
                    Map.of("email", "signup-" + i + "@example.com", "password", "signup-password"))) {
                assertThat(response.getStatus()).isEqualTo(201);
                assertThat(response.getHeaderString(RateLimitHeaders.LIMIT)).isEqualTo(String.valueOf(REGISTER_LIMIT));
            }
        }
        try (Response response = post("/api/auth/register", "192.0.2.90",
                Map.of("email", "signup-more@example.com", "password", "signup-password"))) {
            assertThat(response.getStatus()).isEqualTo(429);
            assertThat(Long.parseLong(response.getHeaderString(RateLimitHeaders.RETRY_AFTER))).isPositive();
        }
        try (Response response = post("/api/auth/register", "192.0.2.91",
                Map.of("email", "signup-more@example.com", "password", "signup-password"))) {
            assertThat(response.getStatus()).as("another address").isEqualTo(201);
        }
        // Logins are not starved by sign-ups from the same address.
        assertThat(login("192.0.2.90", "signup-0@example.com", "signup-password")).isEqualTo(200);
    }

    @Test
    void aThirdPartyCannotLockTheOwnerOut() {
        register("target@example.com", "the-real-password");
        for (int i = 1; i <= LOGIN_LIMIT; i++) {
            assertThat(login("192.0.2.1", "target@example.com", "guess-" + i)).isEqualTo(401);
        }
        try (Response response = post("/api/auth/login", "192.0.2.1",
                Map.of("email", "target@example.com", "password", "the-real-password"))) {
            assertThat(response.getStatus()).as("the guessing address is out for this account").isEqualTo(429);
            assertThat(response.getHeaderString(RateLimitHeaders.LIMIT)).isEqualTo(String.valueOf(LOGIN_LIMIT));
            assertThat(Long.parseLong(response.getHeaderString(RateLimitHeaders.RETRY_AFTER))).isBetween(1L, 300L);
            assertThat(response.readEntity(JsonNode.class).get("code").asInt()).isEqualTo(429);
        }
        assertThat(login("192.0.2.50", "TARGET@example.com", "the-real-password")).as("the owner, elsewhere").isEqualTo(200);
        assertThat(login("192.0.2.1", "someone-else@example.com", "whatever")).as("other accounts from that address")
                .isEqualTo(401);
    }

    @Test
    void beyondTheAccountsCeilingEachAddressIsSlowedDownAndTheOwnerStillGetsIn() {
        register("popular@example.com", "the-owners-password");
        // Many addresses, one guess each: every first attempt of an address is let through.
        for (int i = 1; i <= LOGIN_ACCOUNT_LIMIT + 15; i++) {
            assertThat(login("198.18.0." + i, "popular@example.com", "guess-" + i)).as("guess %d", i).isEqualTo(401);
        }
        assertThat(login("198.18.1.1", "popular@example.com", "guess")).isEqualTo(401);
        try (Response response = post("/api/auth/login", "198.18.1.1", Map.of("email", "popular@example.com", "password", "again"))) {
            assertThat(response.getStatus()).as("the same address, at once again").isEqualTo(429);
            long wait = Long.parseLong(response.getHeaderString(RateLimitHeaders.RETRY_AFTER));
            assertThat(wait).as("the delay has doubled up to its maximum").isGreaterThan(LOGIN_MAX_DELAY / 2).isLessThanOrEqualTo(LOGIN_MAX_DELAY);
        }
        assertThat(login("192.0.2.60", "popular@example.com", "the-owners-password")).as("the owner gets in at once")
                .isEqualTo(200);
    }

    @Test
    void loginsAreLimitedPerAddressAcrossAccounts() {
        register("fresh@example.com", "fresh-password");
        try (Response ok = post("/api/auth/login", "198.51.100.7", Map.of("email", "fresh@example.com", "password", "fresh-password"))) {
            assertThat(ok.getStatus()).isEqualTo(200);
            assertThat(ok.getHeaderString(RateLimitHeaders.LIMIT)).as("the stricter login budget is reported")
                    .isEqualTo(String.valueOf(LOGIN_LIMIT));
            assertThat(ok.getHeaderString(RateLimitHeaders.REMAINING)).isEqualTo(String.valueOf(LOGIN_LIMIT - 1));
        }
        for (String account : new String[] {"a", "b", "c", "d"}) {
            assertThat(login("198.51.100.7", account + "@example.com", "x")).isEqualTo(401);
        }
        assertThat(login("198.51.100.7", "e@example.com", "x")).as("the address's budget").isEqualTo(429);
        assertThat(login("198.51.100.8", "e@example.com", "x")).as("another address").isEqualTo(401);
    }

    private static void register(String email, String password) {
        try (Response registered = post("/api/auth/register", "192.0.2.200", Map.of("email", email, "password", password))) {
            assertThat(registered.getStatus()).isEqualTo(201);
        }
    }
}
