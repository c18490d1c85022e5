package com.caddyshop.cart;

import static com.caddyshop.cart.TestShop.expect;
import static com.caddyshop.cart.TestShop.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cart through HTTP against the real application, MariaDB and Redis. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class CartIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("cart").extension();
    static final TestShop SHOP = new TestShop(APP);

    private TestUser customer() {
        return TestTokens.create(APP, Role.CUSTOMER);
    }

    @Test
    void totalsAreComputedByTheServerInExactDecimals() {
        TestUser user = customer();
        long tea = SHOP.product("Green tea", "0.10", 500);
        long pot = SHOP.product("Teapot", "19.99", 5);

        SHOP.putItem(user, tea, 3);
        JsonNode cart = SHOP.putItem(user, pot, 2);

        // 3 x 0.10 is 0.30 exactly (a double would give 0.30000000000000004), 2 x 19.99 = 39.98.
        assertThat(cart.get("items")).hasSize(2);
        JsonNode first = cart.get("items").get(0);
        assertThat(first.get("productId").asLong()).isEqualTo(tea);
        assertThat(first.get("name").asText()).isEqualTo("Green tea");
        assertThat(first.get("unitPrice").decimalValue()).isEqualTo(new BigDecimal("0.10"));
        assertThat(first.get("quantity").asInt()).isEqualTo(3);
        assertThat(first.get("lineTotal").decimalValue()).isEqualTo(new BigDecimal("0.30"));
        assertThat(first.get("inStock").asBoolean()).isTrue();
        assertThat(cart.get("items").get(1).get("lineTotal").decimalValue()).isEqualTo(new BigDecimal("39.98"));
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("40.28"));
        assertThat(cart.get("itemCount").asInt()).isEqualTo(5);

        // PUT replaces the quantity; GET shows the same cart (PUT's answer is built without re-reading it).
        JsonNode afterPut = SHOP.putItem(user, tea, 1);
        JsonNode again = expect(200, SHOP.request("/api/cart", user).get());
        assertThat(again.get("total").decimalValue()).isEqualTo(new BigDecimal("40.08"));
        assertThat(again).isEqualTo(afterPut);
    }

    @Test
    void deleteRemovesALineAndIsIdempotent() {
        TestUser user = customer();
        long a = SHOP.product("Apple", "1.50", 10);
        long b = SHOP.product("Banana", "2.25", 10);
        SHOP.putItem(user, a, 2);
        SHOP.putItem(user, b, 1);

        JsonNode cart = expect(200, SHOP.request("/api/cart/items/" + a, user).delete());
        assertThat(cart.get("items")).hasSize(1);
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("2.25"));
        JsonNode same = expect(200, SHOP.request("/api/cart/items/" + a, user).delete());
        assertThat(same).isEqualTo(cart);
    }

    @Test
    void eachUserSeesOnlyTheirOwnCart() {
        TestUser alice = customer();
        TestUser bob = customer();
        SHOP.putItem(alice, SHOP.product("Kettle", "30.00", 3), 1);

        JsonNode bobs = expect(200, SHOP.request("/api/cart", bob).get());
        assertThat(bobs.get("items")).isEmpty();
        assertThat(bobs.get("total").decimalValue()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void aQuantityAboveStockIs409WithTheAvailableStock() {
        TestUser user = customer();
        long scarce = SHOP.product("Rare vase", "99.00", 2);

        JsonNode error = expectError(409, SHOP.put("/api/cart/items/" + scarce, user, "{\"quantity\": 3}"));
        JsonNode detail = error.get("details").get(0);
        assertThat(detail.get("productId").asLong()).isEqualTo(scarce);
        assertThat(detail.get("requested").asInt()).isEqualTo(3);
        assertThat(detail.get("available").asInt()).isEqualTo(2);
        assertThat(expect(200, SHOP.request("/api/cart", user).get()).get("items")).isEmpty();
    }

    @Test
    void unknownAndDeactivatedProductsAre404() {
        TestUser user = customer();
        expectError(404, SHOP.put("/api/cart/items/987654321", user, "{\"quantity\": 1}"));
        long retired = SHOP.product("Retired", "5.00", 5);
        SHOP.deactivate(retired);
        expectError(404, SHOP.put("/api/cart/items/" + retired, user, "{\"quantity\": 1}"));
    }

    @Test
    void aProductDeactivatedAfterwardsIsListedAsUnavailableAndNotPriced() {
        TestUser user = customer();
        long kept = SHOP.product("Mug", "8.00", 10);
        long gone = SHOP.product("Discontinued mug", "7.00", 10);
        SHOP.putItem(user, kept, 1);
        SHOP.putItem(user, gone, 1);
        SHOP.deactivate(gone);

        JsonNode cart = expect(200, SHOP.request("/api/cart", user).get());
        assertThat(cart.get("items")).hasSize(1);
        assertThat(cart.get("unavailableProductIds").get(0).asLong()).isEqualTo(gone);
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("8.00"));
    }

    @Test
    void aCartHoldsAtMostAHundredProducts() {
        TestUser user = customer();
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < CartService.MAX_LINES + 1; i++) {
            products.add(SHOP.product("Bulk " + i, "1.00", 5));
        }
        // The first hundred lines directly in the table, to keep the test fast; the limit is checked on PUT.
        SHOP.db().useHandle(h -> {
            for (long product : products.subList(0, CartService.MAX_LINES)) {
                h.execute("INSERT INTO cart_items (user_id, product_id, quantity) VALUES (?, ?, 1)", user.id(), product);
            }
        });
        expectError(409, SHOP.put("/api/cart/items/" + products.get(CartService.MAX_LINES), user, "{\"quantity\": 1}"));
        JsonNode cart = SHOP.putItem(user, products.get(0), 2);
        assertThat(cart.get("items")).hasSize(CartService.MAX_LINES);
        assertThat(cart.get("total").decimalValue()).isEqualTo(new BigDecimal("101.00"));
    }

    @Test
    void invalidQuantitiesAre422WithTheFieldName() {
        TestUser user = customer();
        long product = SHOP.product("Spoon", "1.00", 500);
        for (String body : new String[] {"{\"quantity\": 0}", "{\"quantity\": 100}", "{}"}) {
            JsonNode error = expectError(422, SHOP.put("/api/cart/items/" + product, user, body));
            assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("quantity");
        }
    }

    @Test
    void malformedJsonIs400AndNoTokenIs401() {
        TestUser user = customer();
        long product = SHOP.product("Fork", "1.00", 500);
        expectError(400, SHOP.put("/api/cart/items/" + product, user, "{\"quantity\": "));
        expectError(401, SHOP.request("/api/cart", null).get());
        expectError(401, SHOP.put("/api/cart/items/" + product, null, "{\"quantity\": 1}"));
    }
}
