package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password reset's budgets (THROTTLER_RESET_LIMIT 3: three requests per client address, one per mailbox),
 * on an app of its own so no other test's requests count. A refused request says 429 with Retry-After,
 * whether or not the address has an account.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class PasswordResetThrottleIT {
    /** A Redis of its own: the budgets' counters are keyed by client address, 127.0.0.1 in every test. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp
            .on(TestApp.migratedDatabase("password_reset_throttle")).redis(() -> REDIS.get().port())
            .set("throttler.resetLimit", () -> "3").set("throttler.resetTtlSeconds", () -> "3600").extension();

    private final AccountsClient client = new AccountsClient(APP);

    @Test
    void oneMailboxAndOneAddressGetOnlyTheirShare() {
        assertThat(request("first@throttle.test").getStatus()).isEqualTo(202);
        Response sameMailbox = request("first@throttle.test");
        assertThat(sameMailbox.getStatus()).isEqualTo(429);
        assertThat(sameMailbox.getHeaderString("Retry-After")).isNotBlank();
        // The refused request above counted against the address too: 1 + 1 + 1 = 3 allowed, the 4th not.
        assertThat(request("second@throttle.test").getStatus()).isEqualTo(202);
        assertThat(request("third@throttle.test").getStatus()).isEqualTo(429);
        assertThat(client.post("/api/auth/password-reset/confirm",
                Map.of("token", "whatever", "newPassword", "long enough password")).getStatus()).isEqualTo(429);
    }

    private Response request(String email) {
        try (Response response = client.post("/api/auth/password-reset", Map.of("email", email))) {
            response.bufferEntity();
            return response;
        }
    }
}
