package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisCommandCounts;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/** An authenticated request looks its token's revocation up in the rate limiter's round trip, and a logout still counts. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class RevocationReadAlongIT {
    /** Commands are counted on this Redis, so no other class may use it. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("revocation_read_along")
            .redis(() -> REDIS.get().port()).extension();

    static int meStatus(AccountsClient client, String access) {
        try (Response response = client.request("/api/users/me", access).get()) {
            return response.getStatus();
        }
    }

    @Test
    void oneRoundTripPerAuthenticatedRequestAndLogoutStillRevokes() {
        AccountsClient client = new AccountsClient(APP);
        JsonNode login = client.registerAndLogin("one.trip@example.com", "one-round-trip-1");
        String access = login.get("accessToken").asText();
        // One round trip either way: the budget's script with the revocation entry read along, or,
        // when the request takes a unit of budget this node reserved earlier, the revocation read alone.
        Map<String, Long> viaScript = Map.of("evalsha", 1L, "incrby", 1L, "pttl", 1L, "get", 1L);
        Map<String, Long> viaReservedUnit = Map.of("exists", 1L);
        // The first request of a budget starts its window (PEXPIRE) and may load the script (EVAL).
        assertThat(meStatus(client, access)).isEqualTo(200);
        try (RedisClient redis = REDIS.get().client()) {
            int[] status = new int[1];
            List<Map<String, Long>> trips = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                trips.add(RedisCommandCounts.during(redis, () -> status[0] = meStatus(client, access)));
                assertThat(status[0]).isEqualTo(200);
            }
            assertThat(trips).as("one round trip per request").allSatisfy(trip -> assertThat(trip).isIn(viaScript, viaReservedUnit));
            assertThat(trips).as("the second request reserves units, the next ones take them").startsWith(viaScript)
                    .contains(viaReservedUnit);

            try (Response response = client.request("/api/auth/logout", access).post(null)) {
                assertThat(response.getStatus()).isEqualTo(204);
            }
            assertThat(RedisCommandCounts.during(redis, () -> status[0] = meStatus(client, access))).isIn(viaScript, viaReservedUnit);
            assertThat(status[0]).as("the revocation is heeded").isEqualTo(401);
        }
    }
}
