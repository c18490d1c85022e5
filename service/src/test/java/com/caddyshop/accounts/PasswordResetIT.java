package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.MailCatcher;
import com.caddyshop.testing.MailCatcher.Message;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Forgotten passwords through HTTP and a real SMTP server: the request answers the same whether or not
 * the address has an account, the mailed link works once and for 30 minutes, only its hash is stored,
 * and the new password ends every session of the account.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class PasswordResetIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String OLD_PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "staple moon glasses";
    private static final Supplier<MailCatcher> SMTP = TestApp.memoize(MailCatcher::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP =
            TestApp.onSharedServers("password_reset").smtp(SMTP).extension();

    private final AccountsClient client = new AccountsClient(APP);
    private final TestShop shop = new TestShop(APP);

    @Test
    void theMailedLinkSetsANewPasswordAndEndsEverySession() {
        String email = "forgetful@reset.test";
        JsonNode session = client.registerAndLogin(email, OLD_PASSWORD);

        JsonNode accepted = requestReset(email);
        String token = tokenFrom(SMTP.get().awaitMessagesTo(email, 2, BOUND));
        assertThat(status(confirm(token, NEW_PASSWORD))).isEqualTo(204);

        assertThat(status(client.login(email, OLD_PASSWORD))).isEqualTo(401);
        assertThat(status(client.login(email, NEW_PASSWORD))).isEqualTo(200);
        assertThat(status(client.post("/api/auth/refresh", Map.of("refreshToken", session.get("refreshToken").asText()))))
                .isEqualTo(401);
        assertThat(status(client.request("/api/users/me", session.get("accessToken").asText()).get())).isEqualTo(401);
        assertThat(accepted.get("message").asText()).contains("If an account exists");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        client.registerAndLogin("known@reset.test", OLD_PASSWORD);
        JsonNode known = requestReset("known@reset.test");
        JsonNode unknown = requestReset("nobody-here@reset.test");
        assertThat(unknown).isEqualTo(known);
        assertThat(rows("nobody-here@reset.test")).isZero();
        assertThat(SMTP.get().awaitMessagesTo("known@reset.test", 2, BOUND)).hasSize(2);
    }

    @Test
    void aLinkWorksOnceAndOnlyItsHashIsStored() {
        String email = "once@reset.test";
        client.registerAndLogin(email, OLD_PASSWORD);
        requestReset(email);
        String token = tokenFrom(SMTP.get().awaitMessagesTo(email, 2, BOUND));
        int byHash = shop.db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account_tokens WHERE token_hash = :h")
                .bind("h", RefreshTokens.hash(token)).mapTo(Integer.class).one());
        int byToken = shop.db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account_tokens WHERE token_hash = :t")
                .bind("t", token).mapTo(Integer.class).one());
        assertThat(byHash).isEqualTo(1);
        assertThat(byToken).isZero();

        assertThat(status(confirm(token, NEW_PASSWORD))).isEqualTo(204);
        try (Response again = confirm(token, "yet another password")) {
            assertThat(again.getStatus()).isEqualTo(422);
            assertThat(again.readEntity(JsonNode.class).get("message").asText()).isEqualTo(PasswordResets.INVALID_TOKEN);
        }
        assertThat(status(client.login(email, NEW_PASSWORD))).isEqualTo(200);
    }

    @Test
    void anExpiredLinkIsRefusedAndChangesNothing() {
        String email = "late@reset.test";
        client.registerAndLogin(email, OLD_PASSWORD);
        requestReset(email);
        String token = tokenFrom(SMTP.get().awaitMessagesTo(email, 2, BOUND));
        shop.db().useHandle(h -> h.createUpdate(
                        "UPDATE account_tokens SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE token_hash = :h")
                .bind("h", RefreshTokens.hash(token)).execute());
        assertThat(status(confirm(token, NEW_PASSWORD))).isEqualTo(422);
        assertThat(status(client.login(email, OLD_PASSWORD))).isEqualTo(200);
    }

    @Test
    void aNewerLinkSpendsTheOlderOnesWhenUsed() {
        String email = "twice-asked@reset.test";
        client.registerAndLogin(email, OLD_PASSWORD);
        requestReset(email);
        String first = tokenFrom(SMTP.get().awaitMessagesTo(email, 2, BOUND));
        requestReset(email);
        String second = tokenFrom(SMTP.get().awaitMessagesTo(email, 3, BOUND));
        assertThat(second).isNotEqualTo(first);
        assertThat(status(confirm(second, NEW_PASSWORD))).isEqualTo(204);
        assertThat(status(confirm(first, "yet another password"))).isEqualTo(422);
    }

    @Test
    void aBadRequestIsAClearError() {
        try (Response response = client.post("/api/auth/password-reset", Map.of("email", "not-an-address"))) {
            assertThat(response.getStatus()).isEqualTo(422);
            assertThat(response.readEntity(JsonNode.class).get("details").toString()).contains("email");
        }
        try (Response response = confirm("some-token", "short")) {
            assertThat(response.getStatus()).isEqualTo(422);
            assertThat(response.readEntity(JsonNode.class).get("details").toString()).contains("newPassword");
        }
    }

    private JsonNode requestReset(String email) {
        try (Response response = client.post("/api/auth/password-reset", Map.of("email", email))) {
            assertThat(response.getStatus()).isEqualTo(202);
            return response.readEntity(JsonNode.class);
        }
    }

    private Response confirm(String token, String newPassword) {
        return client.post("/api/auth/password-reset/confirm", Map.of("token", token, "newPassword", newPassword));
    }

    static String tokenFrom(List<Message> mails) {
        return MailedTokens.from(mails, "Reset your password", "/reset-password");
    }

    private int rows(String recipient) {
        return shop.db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r")
                .bind("r", recipient).mapTo(Integer.class).one());
    }

    private static int status(Response response) {
        try (response) {
            return response.getStatus();
        }
    }
}
