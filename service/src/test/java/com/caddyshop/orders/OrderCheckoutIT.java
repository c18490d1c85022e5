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
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checkout through HTTP: the order, what it leaves behind when it fails, and Idempotency-Key. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class OrderCheckoutIT {
    // A cap on pending units high enough for the largest cart (100 lines of 99), so totals can be tested.
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("orders_checkout")
            .set("orders.maxPendingUnits", () -> "10000").extension();
    static final TestShop SHOP = new TestShop(APP);

    private static TestUser customer() {
        return TestTokens.createVerified(APP, Role.CUSTOMER);
    }

    private static Response checkout(TestUser user, String key, String body) {
        var request = SHOP.request("/api/orders", user);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post(Entity.json(body == null ? TestShop.CHECKOUT : body));
    }

    private static long ordersOf(TestUser user) {
        return SHOP.db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM orders WHERE user_id = :u")
                .bind("u", user.id()).mapTo(Long.class).one());
    }

    @Test
    void checkoutTurnsTheCartIntoAPendingOrderAtDatabasePrices() {
        TestUser user = customer();
        long tea = SHOP.product("Oolong", "4.35", 20);
        long cup = SHOP.product("Cup", "12.00", 5);
        SHOP.putItem(user, tea, 3);
        SHOP.putItem(user, cup, 2);

        JsonNode order;
        String location;
        try (Response response = checkout(user, null, TestShop.checkoutExpecting("37.05"))) {
            location = response.getHeaderString("Location");
            order = expect(201, response);
        }
        assertThat(order.get("status").asText()).isEqualTo("PENDING");
        assertThat(order.get("totalAmount").decimalValue()).isEqualTo(new BigDecimal("37.05"));
        assertThat(order.get("currency").asText()).isEqualTo("EUR");
        assertThat(order.get("itemCount").asInt()).isEqualTo(5);
        assertThat(order.get("items")).hasSize(2);
        JsonNode first = order.get("items").get(0);
        assertThat(first.get("productId").asLong()).isEqualTo(tea);
        assertThat(first.get("productName").asText()).isEqualTo("Oolong");
        assertThat(first.get("unitPrice").decimalValue()).isEqualTo(new BigDecimal("4.35"));
        assertThat(first.get("lineTotal").decimalValue()).isEqualTo(new BigDecimal("13.05"));
        assertThat(order.get("createdAt").asText()).endsWith("Z");
        long id = order.get("id").asLong();
        assertThat(location).endsWith("/api/orders/" + id);

        assertThat(expect(200, SHOP.request("/api/orders/" + id, user).get())).isEqualTo(order);
        assertThat(expect(200, SHOP.request("/api/cart", user).get()).get("items")).isEmpty();
        assertThat(SHOP.stock(tea)).isEqualTo(17);
        assertThat(SHOP.stock(cup)).isEqualTo(3);
    }

    @Test
    void theCheckoutAnswerIsByteForByteWhatALaterReadReturns() {
        // The answer is built from the values written, not read back: it must still be exactly the
        // stored order (id, times to the millisecond, scale-2 money, line order, non-ASCII names).
        TestUser user = customer();
        long later = SHOP.product("Zoë's tee – größe M", "19.90", 20);
        long earlier = SHOP.product("Ball", "3.5", 20);
        SHOP.putItem(user, later, 3);
        SHOP.putItem(user, earlier, 1);

        String placed;
        try (Response response = checkout(user, "bytes-1", null)) {
            assertThat(response.getStatus()).isEqualTo(201);
            placed = response.readEntity(String.class);
        }
        long id = TestShop.Json.parse(placed).get("id").asLong();
        String read;
        try (Response response = SHOP.request("/api/orders/" + id, user).get()) {
            assertThat(response.getStatus()).isEqualTo(200);
            read = response.readEntity(String.class);
        }
        assertThat(placed).isEqualTo(read);
        JsonNode order = TestShop.Json.parse(placed);
        assertThat(order.get("items").get(0).get("productId").asLong()).isEqualTo(Math.min(later, earlier));
        assertThat(order.get("totalAmount").decimalValue()).isEqualTo(new BigDecimal("63.20"));
    }

    @Test
    void theOrderTakesThePriceAtCheckoutNotTheOneSeenWhenTheCartWasFilled() {
        TestUser user = customer();
        long product = SHOP.product("Repriced lamp", "30.00", 10);
        SHOP.putItem(user, product, 2);
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        // The product was written straight into the table, so its ETag is its first version, "0".
        expect(200, SHOP.request("/api/products/" + product, admin).header("If-Match", "\"0\"").put(Entity.json("""
                {"categorySlug": "test-goods", "sku": "LAMP-%d", "name": "Repriced lamp", "price": 27.50}"""
                .formatted(product))));

        JsonNode order = expect(201, checkout(user, null, null));
        assertThat(order.get("items").get(0).get("unitPrice").decimalValue()).isEqualTo(new BigDecimal("27.50"));
        assertThat(order.get("totalAmount").decimalValue()).isEqualTo(new BigDecimal("55.00"));
    }

    @Test
    void anExpiredKeyIsForgottenAndMayBeUsedAgain() {
        TestUser user = customer();
        long product = SHOP.product("Seasonal", "4.00", 10);
        SHOP.putItem(user, product, 1);
        long first = expect(201, checkout(user, "yearly", null)).get("id").asLong();
        SHOP.db().useHandle(h -> h.execute(
                "UPDATE idempotency_keys SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE user_id = ?", user.id()));

        SHOP.putItem(user, product, 1);
        long second = expect(201, checkout(user, "yearly", null)).get("id").asLong();
        assertThat(second).isNotEqualTo(first);
        assertThat(ordersOf(user)).isEqualTo(2);
    }

    @Test
    void anEmptyCartIs409() {
        expectError(409, checkout(customer(), null, null));
    }

    @Test
    void aShortProductIs409AndLeavesNothingBehind() {
        TestUser user = customer();
        long plenty = SHOP.product("Plenty", "1.00", 100);
        long scarce = SHOP.product("Scarce", "2.00", 3);
        SHOP.putItem(user, plenty, 5);
        SHOP.putItem(user, scarce, 3);
        // Someone else buys one of the three after this user filled the cart.
        TestUser other = customer();
        SHOP.putItem(other, scarce, 1);
        expect(201, checkout(other, null, null));

        JsonNode error = expectError(409, checkout(user, "short-1", null));
        assertThat(error.get("details")).hasSize(1);
        assertThat(error.get("details").get(0).get("productId").asLong()).isEqualTo(scarce);
        assertThat(error.get("details").get(0).get("requested").asInt()).isEqualTo(3);

        // No order, no stock change (the plentiful product was decremented and rolled back), cart kept.
        assertThat(ordersOf(user)).isZero();
        assertThat(SHOP.stock(plenty)).isEqualTo(100);
        assertThat(SHOP.stock(scarce)).isEqualTo(2);
        assertThat(expect(200, SHOP.request("/api/cart", user).get()).get("items")).hasSize(2);
        // A failed checkout does not use up its key: with a fitting cart the same key succeeds.
        SHOP.putItem(user, scarce, 2);
        expect(201, checkout(user, "short-1", null));
        assertThat(SHOP.stock(scarce)).isZero();
    }

    @Test
    void aDeactivatedProductInTheCartIs409() {
        TestUser user = customer();
        long product = SHOP.product("Soon gone", "3.00", 10);
        SHOP.putItem(user, product, 1);
        SHOP.deactivate(product);

        JsonNode error = expectError(409, checkout(user, null, null));
        assertThat(error.get("details").get(0).get("productId").asLong()).isEqualTo(product);
        assertThat(ordersOf(user)).isZero();
    }

    @Test
    void anExpectedTotalThatNoLongerMatchesIs409() {
        TestUser user = customer();
        SHOP.putItem(user, SHOP.product("Repriced", "10.00", 10), 2);

        JsonNode error = expectError(409, checkout(user, null, TestShop.checkoutExpecting("18.00")));
        assertThat(error.get("details").get(0).get("total").decimalValue()).isEqualTo(new BigDecimal("20.00"));
        assertThat(ordersOf(user)).isZero();
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheFirstResponseAndCreatesOneOrder() {
        TestUser user = customer();
        long product = SHOP.product("Idempotent kettle", "45.50", 10);
        SHOP.putItem(user, product, 2);

        String first;
        try (Response response = checkout(user, "order-7f3a", TestShop.checkoutExpecting("91.00"))) {
            assertThat(response.getStatus()).isEqualTo(201);
            assertThat(response.getHeaderString("Idempotent-Replayed")).isNull();
            first = response.readEntity(String.class);
        }
        // The cart is empty now: only the stored response can make the retry succeed. 91 and 91.00 are one body.
        try (Response retry = checkout(user, "order-7f3a", TestShop.checkoutExpecting("91"))) {
            assertThat(retry.getStatus()).isEqualTo(201);
            assertThat(retry.getHeaderString("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retry.getHeaderString("Location")).endsWith("/api/orders/" + TestShop.Json.parse(first).get("id").asLong());
            assertThat(retry.readEntity(String.class)).isEqualTo(first);
        }
        assertThat(ordersOf(user)).isEqualTo(1);
        assertThat(SHOP.stock(product)).isEqualTo(8);

        JsonNode error = expectError(422, checkout(user, "order-7f3a", TestShop.checkoutExpecting("45.50")));
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("header Idempotency-Key");
        assertThat(ordersOf(user)).isEqualTo(1);
    }

    @Test
    void keysBelongToOneUser() {
        TestUser alice = customer();
        TestUser bob = customer();
        long product = SHOP.product("Shared key", "1.00", 10);
        SHOP.putItem(alice, product, 1);
        SHOP.putItem(bob, product, 1);

        long aliceOrder = expect(201, checkout(alice, "same-key", null)).get("id").asLong();
        long bobOrder = expect(201, checkout(bob, "same-key", null)).get("id").asLong();
        assertThat(bobOrder).isNotEqualTo(aliceOrder);
    }

    @Test
    void concurrentDuplicatesWithOneKeyCreateOneOrder() throws Exception {
        TestUser user = customer();
        long product = SHOP.product("Double click", "9.99", 10);
        SHOP.putItem(user, product, 1);
        int attempts = 8;
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<String[]>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                replies.add(pool.submit(() -> {
                    gate.await();
                    try (Response response = checkout(user, "double-click", null)) {
                        return new String[] {String.valueOf(response.getStatus()), response.readEntity(String.class)};
                    }
                }));
            }
            gate.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<String[]> reply : replies) {
                String[] result = reply.get(60, TimeUnit.SECONDS);
                assertThat(result[0]).as("status, body %s", result[1]).isEqualTo("201");
                bodies.add(result[1]);
            }
            assertThat(bodies).containsOnly(bodies.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(ordersOf(user)).isEqualTo(1);
        assertThat(SHOP.stock(product)).isEqualTo(9);
    }

    @Test
    void malformedKeysAndBodiesAreRefused() {
        TestUser user = customer();
        SHOP.putItem(user, SHOP.product("Validated", "1.00", 10), 1);
        JsonNode tooLong = expectError(422, checkout(user, "k".repeat(129), null));
        assertThat(tooLong.get("details").get(0).get("field").asText()).isEqualTo("header Idempotency-Key");
        expectError(422, checkout(user, "", null));
        JsonNode negative = expectError(422, checkout(user, null, TestShop.checkoutExpecting("-1")));
        assertThat(negative.get("details").get(0).get("field").asText()).isEqualTo("expectedTotal");
        expectError(400, checkout(user, null, "{\"expectedTotal\": "));
        expectError(401, checkout(null, null, null));
        assertThat(ordersOf(user)).isZero();
    }

    @Test
    void aTotalLargerThanAnOrderCanHoldIs422AndNothingIsTaken() {
        TestUser user = customer();
        // Each line fits its column (99 x 9,999,999,999.99); their sum does not fit DECIMAL(14,2).
        long first = SHOP.product("Yacht", "9999999999.99", 100);
        long second = SHOP.product("Island", "9999999999.99", 100);
        SHOP.putItem(user, first, 99);
        SHOP.putItem(user, second, 99);

        JsonNode refused = expectError(422, checkout(user, null, null));
        assertThat(refused.get("details").get(0).get("field").asText()).isEqualTo("total");
        assertThat(refused.get("details").get(0).get("message").asText()).contains("999999999999.99");
        assertThat(ordersOf(user)).isZero();
        assertThat(SHOP.stock(first)).isEqualTo(100);
        assertThat(SHOP.stock(second)).isEqualTo(100);

        // The cart is kept: with one line the order fits.
        SHOP.request("/api/cart/items/" + second, user).delete().close();
        assertThat(expect(201, checkout(user, null, null)).get("totalAmount").decimalValue())
                .isEqualByComparingTo("989999999999.01");
    }
}
