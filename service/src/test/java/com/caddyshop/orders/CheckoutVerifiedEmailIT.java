package com.caddyshop.orders;

import static com.caddyshop.cart.TestShop.expect;
import static com.caddyshop.cart.TestShop.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.AccountsClient;
import com.caddyshop.accounts.MailedTokens;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.MailCatcher;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checkout needs a verified address: an unverified buyer gets 403 {@code email_not_verified} and nothing
 * changes; after the real link of the verification mail (caught by a real SMTP server) the same access
 * token, issued before the verification, checks out; tokens issued afterwards carry the verification.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class CheckoutVerifiedEmailIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";
    private static final String SUBJECT = "Confirm your e-mail address";
    private static final Supplier<MailCatcher> SMTP = TestApp.memoize(MailCatcher::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP =
            TestApp.onSharedServers("checkout_verified").smtp(SMTP).extension();
    static final TestShop SHOP = new TestShop(APP);

    private final AccountsClient accounts = new AccountsClient(APP);

    @Test
    void anUnverifiedBuyerIsRefusedWithNothingChangedAndTheMailedLinkLetsTheSameTokenCheckOut() throws Exception {
        String email = "unverified-" + UUID.randomUUID() + "@verify.test";
        JsonNode login = accounts.registerAndLogin(email, PASSWORD);
        TestUser buyer = new TestUser(userId(email), email, Role.CUSTOMER, login.get("accessToken").asText());
        assertThat(SignedJWT.parse(buyer.token()).getJWTClaimsSet().getBooleanClaim("email_verified")).isFalse();
        long product = SHOP.product("Verified ball", "3.50", 5);
        SHOP.putItem(buyer, product, 2);
        JsonNode cartBefore = expect(200, SHOP.request("/api/cart", buyer).get());
        String key = UUID.randomUUID().toString();

        JsonNode refused = expectError(403, checkout(buyer, key));
        assertThat(refused.get("details").get(0).get("code").asText()).isEqualTo("email_not_verified");
        assertThat(refused.get("details").get(0).get("resend").asText()).isEqualTo("POST /api/users/me/verification-mail");
        assertThat(refused.get("message").asText()).contains("verification mail").contains("/api/users/me/verification-mail");
        // Nothing changed: the cart, the stock and its ledger, no order (its payment intent is a column of
        // the order row), no key claimed, no order mail queued.
        assertThat(expect(200, SHOP.request("/api/cart", buyer).get())).isEqualTo(cartBefore);
        assertThat(SHOP.stock(product)).isEqualTo(5);
        assertThat(SHOP.ledgerSum(product)).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM orders WHERE user_id = ?", buyer.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM idempotency_keys WHERE user_id = ?", buyer.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND kind <> 'VERIFY_EMAIL'", email)).isZero();

        // The link of the mail the registration sent, as the front end posts its token.
        String token = MailedTokens.from(SMTP.get().awaitMessagesTo(email, 1, BOUND), SUBJECT, "/verify-email");
        try (Response verified = accounts.post("/api/auth/verify-email", Map.of("token", token))) {
            assertThat(verified.getStatus()).isEqualTo(204);
        }

        // The same access token (its claim still says "not verified"), the same key: the order is placed.
        JsonNode order = expect(201, checkout(buyer, key));
        assertThat(order.get("status").asText()).isEqualTo("PENDING");
        assertThat(SHOP.stock(product)).isEqualTo(3);
        assertThat(expect(200, SHOP.request("/api/cart", buyer).get()).get("items")).isEmpty();

        // A token issued from now on says the address is verified (refresh and login alike), and checks out.
        JsonNode refreshed = expect(200, SHOP.request("/api/auth/refresh", null)
                .post(Entity.json(Map.of("refreshToken", login.get("refreshToken").asText()))));
        String fresh = refreshed.get("accessToken").asText();
        assertThat(SignedJWT.parse(fresh).getJWTClaimsSet().getBooleanClaim("email_verified")).isTrue();
        try (Response again = accounts.login(email, PASSWORD)) {
            String logged = again.readEntity(JsonNode.class).get("accessToken").asText();
            assertThat(SignedJWT.parse(logged).getJWTClaimsSet().getBooleanClaim("email_verified")).isTrue();
        }
        TestUser refreshedBuyer = new TestUser(buyer.id(), email, Role.CUSTOMER, fresh);
        SHOP.putItem(refreshedBuyer, product, 1);
        expect(201, checkout(refreshedBuyer, null));
        assertThat(SHOP.stock(product)).isEqualTo(2);
    }

    @Test
    void aTokenOfAnUnverifiedAccountIsRefusedWhateverItsCart() {
        // The fixture's unverified account (no mail, no login): refused before the cart is even looked at.
        TestUser buyer = TestTokens.create(APP, Role.CUSTOMER);
        JsonNode refused = expectError(403, checkout(buyer, null));
        assertThat(refused.get("details").get(0).get("code").asText()).isEqualTo("email_not_verified");
        // The fixture's verified account: the check passes and the empty cart is what stops it.
        expectError(409, checkout(TestTokens.createVerified(APP, Role.CUSTOMER), null));
    }

    private static Response checkout(TestUser buyer, String key) {
        var request = SHOP.request("/api/orders", buyer);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post(Entity.json(TestShop.CHECKOUT));
    }

    private static long userId(String email) {
        return SHOP.db().withHandle(h -> h.createQuery("SELECT id FROM users WHERE email = ?").bind(0, email)
                .mapTo(Long.class).one());
    }

    private static long count(String sql, Object value) {
        return SHOP.db().withHandle(h -> h.createQuery(sql).bind(0, value).mapTo(Long.class).one());
    }
}
