package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.MailCatcher;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * E-mail verification through HTTP and a real SMTP server: registration mails a single-use link, the
 * link marks the address verified once, an expired or reused one is refused, and a signed-in account
 * can ask for a new mail until it is verified.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class EmailVerificationIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";
    private static final String SUBJECT = "Confirm your e-mail address";
    private static final Supplier<MailCatcher> SMTP = TestApp.memoize(MailCatcher::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP =
            TestApp.onSharedServers("email_verification").smtp(SMTP).extension();

    private final AccountsClient client = new AccountsClient(APP);
    private final TestShop shop = new TestShop(APP);

    @Test
    void theMailedLinkVerifiesTheAddressOnce() {
        String email = "verify-me@verify.test";
        String access = client.registerAndLogin(email, PASSWORD).get("accessToken").asText();
        assertThat(me(access).get("emailVerified").asBoolean()).isFalse();

        String token = MailedTokens.from(SMTP.get().awaitMessagesTo(email, 1, BOUND), SUBJECT, "/verify-email");
        assertThat(status(verify(token))).isEqualTo(204);
        assertThat(me(access).get("emailVerified").asBoolean()).isTrue();
        try (Response again = verify(token)) {
            assertThat(again.getStatus()).isEqualTo(422);
            assertThat(again.readEntity(JsonNode.class).get("message").asText()).isEqualTo(AccountService.INVALID_VERIFICATION);
        }
        // Verified: asking for another mail sends nothing.
        assertThat(status(client.request("/api/users/me/verification-mail", access).post(Entity.json("")))).isEqualTo(204);
    }

    @Test
    void anExpiredLinkIsRefusedAndANewMailCanBeAskedFor() {
        String email = "slow-reader@verify.test";
        String access = client.registerAndLogin(email, PASSWORD).get("accessToken").asText();
        String old = MailedTokens.from(SMTP.get().awaitMessagesTo(email, 1, BOUND), SUBJECT, "/verify-email");
        shop.db().useHandle(h -> h.createUpdate(
                        "UPDATE account_tokens SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE token_hash = :h")
                .bind("h", RefreshTokens.hash(old)).execute());
        assertThat(status(verify(old))).isEqualTo(422);
        assertThat(me(access).get("emailVerified").asBoolean()).isFalse();

        assertThat(status(client.request("/api/users/me/verification-mail", access).post(Entity.json("")))).isEqualTo(202);
        String fresh = MailedTokens.from(SMTP.get().awaitMessagesTo(email, 2, BOUND), SUBJECT, "/verify-email");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(status(verify(fresh))).isEqualTo(204);
        assertThat(me(access).get("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void aResetTokenDoesNotVerifyAndAVerificationTokenDoesNotReset() {
        String email = "purposes@verify.test";
        client.registerAndLogin(email, PASSWORD);
        String verification = MailedTokens.from(SMTP.get().awaitMessagesTo(email, 1, BOUND), SUBJECT, "/verify-email");
        assertThat(status(client.post("/api/auth/password-reset/confirm",
                Map.of("token", verification, "newPassword", "another good password")))).isEqualTo(422);
        assertThat(status(client.login(email, PASSWORD))).isEqualTo(200);
        assertThat(status(verify(verification))).isEqualTo(204);
    }

    private Response verify(String token) {
        return client.post("/api/auth/verify-email", Map.of("token", token));
    }

    private JsonNode me(String access) {
        try (Response response = client.request("/api/users/me", access).get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            return response.readEntity(JsonNode.class);
        }
    }

    private static int status(Response response) {
        try (response) {
            return response.getStatus();
        }
    }
}
