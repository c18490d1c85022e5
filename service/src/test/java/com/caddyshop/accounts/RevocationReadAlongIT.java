package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisCommandCounts;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import com.codahale.metrics.Timer;
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

/**
 * An authenticated request reads its token's revocation and its account's token generation in the
 * rate limiter's round trip (which counts the user's and the address's budget together), or in one
 * read of its own; a logout and a generation bump still count.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class RevocationReadAlongIT {
    /** Commands are counted on this Redis, so no other class may use it. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("revocation_read_along")
            .redis(() -> REDIS.get().port()).extension();

    /** Database reads of a token generation so far (Dropwizard times every SQL object method). */
    static long generationReads() {
        return APP.getEnvironment().metrics().getTimers((name, metric) -> name.endsWith("UserDao.findTokenGeneration"))
                .values().stream().mapToLong(Timer::getCount).sum();
    }

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
        // One round trip either way: the budgets' script (the user's and the address's counter, or
        // one of them when the other still holds a unit here) with the revocation entry and the
        // generation read along, or, when the request takes units this node reserved earlier, the
        // two entries read alone (one MGET).
        Map<String, Long> viaScript = Map.of("evalsha", 1L, "incrby", 2L, "pttl", 2L, "get", 2L);
        Map<String, Long> viaScriptOneBudget = Map.of("evalsha", 1L, "incrby", 1L, "pttl", 1L, "get", 2L);
        Map<String, Long> viaReservedUnit = Map.of("mget", 1L);
        // The first request of a budget starts its window (PEXPIRE) and may load the script (EVAL).
        assertThat(meStatus(client, access)).isEqualTo(200);
        long generationReads = generationReads();
        assertThat(generationReads).as("the generation was loaded once, into Redis").isEqualTo(1);
        try (RedisClient redis = REDIS.get().client()) {
            int[] status = new int[1];
            List<Map<String, Long>> trips = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                trips.add(RedisCommandCounts.during(redis, () -> status[0] = meStatus(client, access)));
                assertThat(status[0]).isEqualTo(200);
            }
            assertThat(trips).as("one round trip per request, no database read")
                    .allSatisfy(trip -> assertThat(trip).isIn(viaScript, viaScriptOneBudget, viaReservedUnit));
            assertThat(trips.get(0)).as("the second request reserves units").isIn(viaScript, viaScriptOneBudget);
            assertThat(generationReads()).as("no database read of the generation per request").isEqualTo(generationReads);
            assertThat(trips).as("the next ones take them").contains(viaReservedUnit);

            try (Response response = client.request("/api/auth/logout", access).post(null)) {
                assertThat(response.getStatus()).isEqualTo(204);
            }
            assertThat(RedisCommandCounts.during(redis, () -> status[0] = meStatus(client, access)))
                    .isIn(viaScript, viaScriptOneBudget, viaReservedUnit);
            assertThat(status[0]).as("the revocation is heeded").isEqualTo(401);

            // A second login, then "log out everywhere" from it: the generation bump is read the same way.
            String second = client.login("one.trip@example.com", "one-round-trip-1").readEntity(JsonNode.class)
                    .get("accessToken").asText();
            assertThat(meStatus(client, second)).isEqualTo(200);
            try (Response response = client.request("/api/auth/logout-all", second).post(null)) {
                assertThat(response.getStatus()).isEqualTo(204);
            }
            assertThat(RedisCommandCounts.during(redis, () -> status[0] = meStatus(client, second)))
                    .isIn(viaScript, viaScriptOneBudget, viaReservedUnit);
            assertThat(status[0]).as("the generation bump is heeded").isEqualTo(401);
        }
    }
}
