package com.caddyshop.orders;

import static com.caddyshop.cart.TestShop.expect;
import static com.caddyshop.cart.TestShop.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A shopper's whole visit through the public API only, as the README's curl examples show it:
 * register, log in, browse, search, fill the cart, order (with an Idempotency-Key), list and read
 * the order, cancel it, log out, and find the old token refused.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class ShoppingJourneyIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("shopping_journey").extension();
    static final TestShop SHOP = new TestShop(APP);

    private static Invocation.Builder call(String path, String token) {
        Invocation.Builder request = SHOP.request(path, null);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    @Test
    void registerBrowseOrderCancelLogout() {
        // The shop: an admin puts two products in the catalog through its API.
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        SHOP.db().useHandle(h -> h.execute("INSERT IGNORE INTO categories (slug, name) VALUES ('teas', 'Teas')"));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long sencha = expect(201, SHOP.request("/api/products", admin).post(Entity.json("""
                {"categorySlug": "teas", "sku": "SENCHA-%s", "name": "Sencha %s", "price": 6.40, "stock": 3}"""
                .formatted(suffix, suffix)))).get("id").asLong();
        expect(201, SHOP.request("/api/products", admin).post(Entity.json("""
                {"categorySlug": "teas", "sku": "ASSAM-%s", "name": "Assam %s", "price": 5.10, "stock": 8}"""
                .formatted(suffix, suffix))));

        // A shopper registers, verifies the address (as its mailed link does) and logs in.
        String email = "shopper-" + suffix + "@example.com";
        expect(202, call("/api/auth/register", null).post(Entity.json("""
                {"email": "%s", "password": "correct horse battery"}""".formatted(email))));
        SHOP.markEmailVerified(email);
        JsonNode login = expect(200, call("/api/auth/login", null).post(Entity.json("""
                {"email": "%s", "password": "correct horse battery"}""".formatted(email))));
        String token = login.get("accessToken").asText();

        // Browses the category and searches by name.
        JsonNode teas = expect(200, call("/api/products?category=teas&sort=price", null).get());
        assertThat(teas.get("items").findValuesAsText("name")).containsExactly("Assam " + suffix, "Sencha " + suffix);
        JsonNode found = expect(200, call("/api/products?q=sencha", null).get());
        assertThat(found.get("items").findValuesAsText("id")).containsExactly(String.valueOf(sencha));

        // Fills the cart: two Sencha at 6.40.
        expect(200, call("/api/cart/items/" + sencha, token).put(Entity.json("{\"quantity\": 2}")));
        JsonNode cart = expect(200, call("/api/cart", token).get());
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("12.80"));

        // Orders, with a retry that the Idempotency-Key turns into the same answer.
        String key = UUID.randomUUID().toString();
        JsonNode order = expect(201, call("/api/orders", token).header("Idempotency-Key", key)
                .post(Entity.json(TestShop.checkoutExpecting("12.80"))));
        JsonNode retried = expect(201, call("/api/orders", token).header("Idempotency-Key", key)
                .post(Entity.json(TestShop.checkoutExpecting("12.80"))));
        assertThat(retried).isEqualTo(order);
        long orderId = order.get("id").asLong();
        assertThat(expect(200, call("/api/products/" + sencha, null).get()).get("stock").asInt()).isEqualTo(1);

        // Sees it in "my orders", reads it, cancels it: the stock is back.
        JsonNode mine = expect(200, call("/api/orders", token).get());
        assertThat(mine.get("total").asLong()).isEqualTo(1);
        assertThat(mine.get("items").get(0).get("id").asLong()).isEqualTo(orderId);
        assertThat(expect(200, call("/api/orders/" + orderId, token).get()).get("items")).hasSize(1);
        assertThat(expect(200, call("/api/orders/" + orderId + "/cancel", token).post(Entity.json("")))
                .get("status").asText()).isEqualTo("CANCELLED");
        assertThat(expect(200, call("/api/products/" + sencha, null).get()).get("stock").asInt()).isEqualTo(3);

        // Logs out: the access token is refused from then on.
        try (var response = call("/api/auth/logout", token).post(Entity.json(""))) {
            assertThat(response.getStatus()).isEqualTo(204);
        }
        expectError(401, call("/api/orders", token).get());
    }
}
