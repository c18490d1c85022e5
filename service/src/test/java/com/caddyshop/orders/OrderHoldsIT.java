package com.caddyshop.orders;

import static com.caddyshop.cart.TestShop.expect;
import static com.caddyshop.cart.TestShop.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.PlainHttp;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unpaid orders cannot empty the shop: one account holds at most ORDER_MAX_PENDING_UNITS units in
 * PENDING orders (also when it checks out from several threads at once), and a PENDING order's hold
 * ends after ORDER_HOLD, when the expire-holds task cancels it and restocks, unless a payment won first.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class OrderHoldsIT {
    static final int CAP = 5;
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("orders_holds")
            .set("orders.maxPendingUnits", () -> String.valueOf(CAP))
            .set("orders.hold", () -> "1s")
            .extension();
    static final TestShop SHOP = new TestShop(APP);

    private static TestUser customer() {
        return TestTokens.createVerified(APP, Role.CUSTOMER);
    }

    private static Response pay(TestUser admin, long orderId) {
        return SHOP.post("/api/admin/orders/" + orderId + "/status", admin, "{\"status\": \"PAID\"}");
    }

    private static String status(long orderId) {
        return SHOP.db().withHandle(h -> h.createQuery("SELECT status FROM orders WHERE id = :id").bind("id", orderId)
                .mapTo(String.class).one());
    }

    private static int pendingUnits(TestUser user) {
        return SHOP.db().withHandle(h -> h.createQuery(
                "SELECT COALESCE(SUM(item_count), 0) FROM orders WHERE user_id = :u AND status = 'PENDING'")
                .bind("u", user.id()).mapTo(Integer.class).one());
    }

    /** The admin task the systemd timer calls. */
    private static String expireHolds() {
        try (Response response = PlainHttp.CLIENT.target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/expire-holds")
                .request().post(Entity.text(""))) {
            String body = response.readEntity(String.class);
            assertThat(response.getStatus()).as(body).isEqualTo(200);
            return body;
        }
    }

    /**
     * Until the order's hold (1 s) has run out as the task sees it: MariaDB receives the task's cutoff
     * in whole seconds (see StoredTimes), so the hold ends when the current whole second is over it.
     */
    private static void awaitDue(long orderId) {
        Await.until("the hold of order " + orderId + " to run out", Duration.ofSeconds(10), () -> SHOP.db().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM orders WHERE id = :id AND created_at < UTC_TIMESTAMP() - INTERVAL 1 SECOND")
                        .bind("id", orderId).mapTo(Integer.class).one()) == 1);
    }

    @Test
    void unitsInUnpaidOrdersAreCappedPerAccountWithA409() {
        TestUser user = customer();
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long product = SHOP.product("Capped", "2.00", 50);
        long first = SHOP.order(user, product, 3);

        SHOP.putItem(user, product, 3);
        JsonNode refused = expectError(409, SHOP.post("/api/orders", user, TestShop.CHECKOUT));
        JsonNode limit = refused.get("details").get(0);
        assertThat(limit.get("held").asInt()).isEqualTo(3);
        assertThat(limit.get("requested").asInt()).isEqualTo(3);
        assertThat(limit.get("limit").asInt()).isEqualTo(CAP);
        assertThat(expect(200, SHOP.request("/api/cart", user).get()).get("itemCount").asInt()).as("cart kept").isEqualTo(3);
        assertThat(SHOP.stock(product)).isEqualTo(47).isEqualTo(SHOP.ledgerSum(product));

        // The cap is per account, and paid orders hold nothing any more.
        SHOP.order(customer(), product, 3);
        expect(200, pay(admin, first));
        expect(201, SHOP.post("/api/orders", user, TestShop.CHECKOUT));
        SHOP.putItem(user, product, 3);
        expectError(409, SHOP.post("/api/orders", user, TestShop.CHECKOUT));
        assertThat(pendingUnits(user)).isEqualTo(3);
    }

    @Test
    void concurrentCheckoutsOfOneAccountNeverHoldMoreThanTheCap() throws Exception {
        TestUser user = customer();
        long product = SHOP.product("Raced", "1.00", 200);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    gate.await();
                    List<Integer> statuses = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        SHOP.putItem(user, product, 2);
                        try (Response response = SHOP.post("/api/orders", user, TestShop.CHECKOUT)) {
                            statuses.add(response.getStatus());
                        }
                    }
                    return statuses;
                }));
            }
            gate.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                statuses.addAll(result.get(120, TimeUnit.SECONDS));
            }
            assertThat(statuses).contains(201).containsOnly(201, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(pendingUnits(user)).isBetween(2, CAP);
        assertThat(SHOP.stock(product)).isEqualTo(200 - pendingUnits(user)).isEqualTo(SHOP.ledgerSum(product));
    }

    @Test
    void anExpiredHoldIsCancelledAndRestockedByTheTaskAndAPaidOrderIsLeftAlone() {
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long product = SHOP.product("Held", "5.00", 10);
        long unpaid = SHOP.order(customer(), product, 4);
        long paid = SHOP.order(customer(), product, 2);
        expect(200, pay(admin, paid));
        assertThat(SHOP.stock(product)).isEqualTo(4);

        awaitDue(unpaid);
        assertThat(expireHolds()).containsPattern("expired: [1-9]").contains("failed: 0");

        assertThat(status(unpaid)).isEqualTo("CANCELLED");
        assertThat(status(paid)).isEqualTo("PAID");
        assertThat(SHOP.stock(product)).isEqualTo(8).isEqualTo(SHOP.ledgerSum(product));
        List<String> movements = SHOP.db().withHandle(h -> h.createQuery(
                "SELECT CONCAT(kind, ' ', delta) FROM inventory_ledger WHERE order_id = :o ORDER BY delta")
                .bind("o", unpaid).mapTo(String.class).list());
        assertThat(movements).containsExactly("ORDER -4", "EXPIRY 4");
        assertThat(expireHolds()).as("nothing left to expire").startsWith("expired: 0");
        try (Response metrics = PlainHttp.CLIENT.target("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus")
                .request().get()) {
            assertThat(metrics.readEntity(String.class)).containsPattern("(?m)^caddy_orders_expired_total [1-9]");
        }
    }

    @Test
    void aPaymentAndTheExpiryOfTheSameHoldNeverBothWin() throws Exception {
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long product = SHOP.product("Contested hold", "1.00", 20);
        int paidUnits = 0;
        for (int round = 0; round < 5; round++) {
            long id = SHOP.order(customer(), product, 1);
            awaitDue(id);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch gate = new CountDownLatch(1);
            try {
                Future<Integer> payment = pool.submit(() -> {
                    gate.await();
                    try (Response response = pay(admin, id)) {
                        return response.getStatus();
                    }
                });
                Future<String> expiry = pool.submit(() -> {
                    gate.await();
                    return expireHolds();
                });
                gate.countDown();
                int paymentStatus = payment.get(30, TimeUnit.SECONDS);
                expiry.get(30, TimeUnit.SECONDS);
                String outcome = status(id);
                if (outcome.equals("PAID")) {
                    assertThat(paymentStatus).isEqualTo(200);
                    paidUnits++;
                } else {
                    assertThat(outcome).isEqualTo("CANCELLED");
                    assertThat(paymentStatus).isEqualTo(409);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(SHOP.stock(product)).isEqualTo(20 - paidUnits).isEqualTo(SHOP.ledgerSum(product));
    }
}
