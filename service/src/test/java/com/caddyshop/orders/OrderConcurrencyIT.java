package com.caddyshop.orders;

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
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many buyers, little stock: the conditional decrement in the order transaction never oversells. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class OrderConcurrencyIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("orders_concurrency").extension();
    static final TestShop SHOP = new TestShop(APP);
    static final int BUYERS = 50;
    static final int STOCK = 10;

    @Test
    void fiftyBuyersForTenUnitsGiveExactlyTenOrders() throws Exception {
        long product = SHOP.product("Limited edition", "25.00", STOCK);
        List<TestUser> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            TestUser buyer = TestTokens.createVerified(APP, Role.CUSTOMER);
            SHOP.putItem(buyer, product, 1);
            buyers.add(buyer);
        }

        // All buyers wait at the gate, then check out at the same moment.
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
        List<Future<Reply>> replies = new ArrayList<>();
        List<Reply> results = new ArrayList<>();
        try {
            for (TestUser buyer : buyers) {
                replies.add(pool.submit(() -> {
                    gate.await();
                    try (Response response = SHOP.post("/api/orders", buyer, TestShop.CHECKOUT)) {
                        return new Reply(buyer, response.getStatus(), TestShop.Json.parse(response.readEntity(String.class)));
                    }
                }));
            }
            gate.countDown();
            for (Future<Reply> reply : replies) {
                results.add(reply.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Integer, Long> byStatus = results.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertThat(byStatus).as("statuses of %d concurrent checkouts", BUYERS)
                .containsExactlyInAnyOrderEntriesOf(Map.of(201, (long) STOCK, 409, (long) (BUYERS - STOCK)));
        for (Reply reply : results) {
            if (reply.status() == 409) {
                assertThat(reply.body().get("code").asInt()).isEqualTo(409);
                assertThat(reply.body().get("details").get(0).get("productId").asLong()).isEqualTo(product);
                // The loser keeps the cart, so they can try again later.
                JsonNode cart = TestShop.expect(200, SHOP.request("/api/cart", reply.buyer()).get());
                assertThat(cart.get("items")).hasSize(1);
            } else {
                assertThat(reply.body().get("status").asText()).isEqualTo("PENDING");
                assertThat(reply.body().get("userId").asLong()).isEqualTo(reply.buyer().id());
            }
        }

        assertThat(SHOP.stock(product)).isZero();
        SHOP.db().useHandle(h -> {
            assertThat(h.createQuery("SELECT COUNT(*) FROM orders").mapTo(Long.class).one()).isEqualTo(STOCK);
            assertThat(h.createQuery("SELECT COALESCE(SUM(quantity), 0) FROM order_items WHERE product_id = :p")
                    .bind("p", product).mapTo(Long.class).one()).isEqualTo(STOCK);
            // Every order has its items and its totals agree with them.
            assertThat(h.createQuery("""
                            SELECT COUNT(*) FROM orders o
                            WHERE o.item_count <> (SELECT SUM(i.quantity) FROM order_items i WHERE i.order_id = o.id)
                               OR o.total_amount <> (SELECT SUM(i.line_total) FROM order_items i WHERE i.order_id = o.id)""")
                    .mapTo(Long.class).one()).isZero();
        });
        assertThat(APP.getEnvironment().metrics().counter("caddy.orders.placed").getCount()).isEqualTo(STOCK);
        assertThat(APP.getEnvironment().metrics().counter("caddy.stock.conflicts").getCount()).isEqualTo(BUYERS - STOCK);
    }

    private record Reply(TestUser buyer, int status, JsonNode body) {
    }
}
