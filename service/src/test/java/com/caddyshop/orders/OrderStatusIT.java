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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Orders after checkout: reading and listing them, cancelling, the admin state machine, who may do what. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class OrderStatusIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("orders_status").extension();
    static final TestShop SHOP = new TestShop(APP);

    private static TestUser customer() {
        return TestTokens.createVerified(APP, Role.CUSTOMER);
    }

    private static Response setStatus(TestUser admin, long orderId, String status) {
        return SHOP.post("/api/admin/orders/" + orderId + "/status", admin, "{\"status\": \"" + status + "\"}");
    }

    @Test
    void cancellingRestoresStockOnceAndASecondCancelIs409() {
        TestUser user = customer();
        long product = SHOP.product("Returnable", "15.00", 10);
        long id = SHOP.order(user, product, 4);
        assertThat(SHOP.stock(product)).isEqualTo(6);

        JsonNode cancelled = expect(200, SHOP.post("/api/orders/" + id + "/cancel", user, null));
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(SHOP.stock(product)).isEqualTo(10);
        // The catalog's cached stock was dropped too: a cart may take all ten again.
        SHOP.putItem(user, product, 10);

        JsonNode again = expectError(409, SHOP.post("/api/orders/" + id + "/cancel", user, null));
        assertThat(again.get("details").get(0).get("from").asText()).isEqualTo("CANCELLED");
        assertThat(SHOP.stock(product)).isEqualTo(10);
    }

    /** The refunds the admin order view lists. */
    private static JsonNode refunds(TestUser admin, long orderId) {
        return expect(200, SHOP.request("/api/admin/orders/" + orderId, admin).get()).get("refunds");
    }

    @Test
    void aCustomerCancelsOnlyPendingOrdersAndAnAdminsCancelOfAPaidOneRecordsItsRefund() {
        TestUser user = customer();
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long product = SHOP.product("Shippable", "3.00", 10);
        long paid = SHOP.order(user, product, 1);
        long shipped = SHOP.order(user, product, 2);
        expect(200, setStatus(admin, paid, "PAID"));
        expect(200, setStatus(admin, shipped, "PAID"));
        expect(200, setStatus(admin, shipped, "SHIPPED"));

        // Money was taken: only the shop may give it back, so the customer's cancel is refused.
        JsonNode refusedPaid = expectError(409, SHOP.post("/api/orders/" + paid + "/cancel", user, null));
        assertThat(refusedPaid.get("details").get(0).get("from").asText()).isEqualTo("PAID");
        assertThat(refusedPaid.get("details").get(0).get("allowed")).isEmpty();
        JsonNode refused = expectError(409, SHOP.post("/api/orders/" + shipped + "/cancel", user, null));
        assertThat(refused.get("details").get(0).get("from").asText()).isEqualTo("SHIPPED");
        assertThat(SHOP.stock(product)).isEqualTo(7);
        assertThat(refunds(admin, paid)).isEmpty();

        JsonNode cancelled = expect(200, SHOP.post("/api/admin/orders/" + paid + "/status", admin,
                "{\"status\": \"CANCELLED\", \"reason\": \"customer returned it\"}"));
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(SHOP.stock(product)).isEqualTo(8).isEqualTo(SHOP.ledgerSum(product));
        assertThat(refunds(admin, paid)).hasSize(1);
        JsonNode refund = refunds(admin, paid).get(0);
        assertThat(refund.get("amount").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(refund.get("currency").asText()).isEqualTo("EUR");
        assertThat(refund.get("refundedBy").asLong()).isEqualTo(admin.id());
        assertThat(refund.get("userId").asLong()).isEqualTo(user.id());
        assertThat(refund.get("reason").asText()).isEqualTo("customer returned it");
        List<String> kinds = SHOP.db().withHandle(h -> h.createQuery(
                "SELECT CONCAT(kind, ' ', delta) FROM inventory_ledger WHERE order_id = :o ORDER BY delta")
                .bind("o", paid).mapTo(String.class).list());
        assertThat(kinds).containsExactly("ORDER -1", "REFUND 1");
        expectError(403, SHOP.request("/api/admin/orders/" + paid, user).get());
    }

    @Test
    void cancellingAPendingOrderRecordsNoRefundWhoeverDoesIt() {
        TestUser user = customer();
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long product = SHOP.product("Unpaid", "2.00", 5);
        long byCustomer = SHOP.order(user, product, 1);
        long byAdmin = SHOP.order(user, product, 1);

        expect(200, SHOP.post("/api/orders/" + byCustomer + "/cancel", user, null));
        expect(200, setStatus(admin, byAdmin, "CANCELLED"));
        assertThat(refunds(admin, byCustomer)).isEmpty();
        assertThat(refunds(admin, byAdmin)).isEmpty();
        assertThat(SHOP.stock(product)).isEqualTo(5).isEqualTo(SHOP.ledgerSum(product));
        long refunds = SHOP.db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM order_refunds WHERE order_id IN (:a, :b)")
                .bind("a", byCustomer).bind("b", byAdmin).mapTo(Long.class).one());
        assertThat(refunds).isZero();
    }

    @Test
    void adminsWalkTheStateMachineAndIllegalTransitionsAre409() {
        TestUser user = customer();
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long id = SHOP.order(user, SHOP.product("Walked", "1.00", 5), 1);

        expectError(409, setStatus(admin, id, "SHIPPED"));
        expectError(409, setStatus(admin, id, "PENDING"));
        assertThat(expect(200, setStatus(admin, id, "PAID")).get("status").asText()).isEqualTo("PAID");
        assertThat(expect(200, setStatus(admin, id, "SHIPPED")).get("status").asText()).isEqualTo("SHIPPED");
        JsonNode illegal = expectError(409, setStatus(admin, id, "CANCELLED"));
        assertThat(illegal.get("details").get(0).get("allowed").get(0).asText()).isEqualTo("DELIVERED");
        assertThat(expect(200, setStatus(admin, id, "DELIVERED")).get("status").asText()).isEqualTo("DELIVERED");
        expectError(409, setStatus(admin, id, "PAID"));

        JsonNode unknown = expectError(422, setStatus(admin, id, "LOST"));
        assertThat(unknown.get("details").get(0).get("field").asText()).isEqualTo("status");
        expectError(422, SHOP.post("/api/admin/orders/" + id + "/status", admin, "{}"));
        expectError(404, setStatus(admin, 999_999_999L, "PAID"));
        assertThat(expect(200, SHOP.request("/api/orders/" + id, user).get()).get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void ofTwoConcurrentTransitionsFromOneStatusExactlyOneWins() throws Exception {
        TestUser user = customer();
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long product = SHOP.product("Contested", "2.00", 10);
        for (int round = 0; round < 5; round++) {
            long id = SHOP.order(user, product, 1);
            CountDownLatch gate = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> cancel = pool.submit(() -> {
                    gate.await();
                    try (Response response = SHOP.post("/api/orders/" + id + "/cancel", user, null)) {
                        return response.getStatus();
                    }
                });
                Future<Integer> pay = pool.submit(() -> {
                    gate.await();
                    try (Response response = setStatus(admin, id, "PAID")) {
                        return response.getStatus();
                    }
                });
                gate.countDown();
                int cancelStatus = cancel.get(30, TimeUnit.SECONDS);
                int payStatus = pay.get(30, TimeUnit.SECONDS);
                // Exactly one wins: a customer cannot cancel a paid order, and a cancelled one cannot be paid.
                assertThat(List.of(cancelStatus, payStatus)).containsExactlyInAnyOrder(200, 409);
            } finally {
                pool.shutdownNow();
            }
        }
        // Whatever the interleavings, stock comes back exactly for the cancelled orders.
        long cancelledUnits = SHOP.db().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM orders WHERE user_id = :u AND status = 'CANCELLED'").bind("u", user.id())
                .mapTo(Long.class).one());
        assertThat(SHOP.stock(product)).isEqualTo(10 - 5 + (int) cancelledUnits).isEqualTo(SHOP.ledgerSum(product));
    }

    @Test
    void someoneElsesOrderIs404NotForbidden() {
        TestUser owner = customer();
        TestUser stranger = customer();
        long id = SHOP.order(owner, SHOP.product("Private", "5.00", 5), 1);

        expectError(404, SHOP.request("/api/orders/" + id, stranger).get());
        expectError(404, SHOP.post("/api/orders/" + id + "/cancel", stranger, null));
        expectError(404, SHOP.request("/api/orders/" + (id + 1_000_000), owner).get());
        assertThat(expect(200, SHOP.request("/api/orders/" + id, owner).get()).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void myOrdersArePagedNewestFirst() {
        TestUser user = customer();
        long product = SHOP.product("Often bought", "1.25", 50);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(SHOP.order(user, product, 1));
        }
        SHOP.order(customer(), product, 1);

        JsonNode first = expect(200, SHOP.request("/api/orders?page=1&size=2", user).get());
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("items").findValuesAsText("id")).containsExactly(
                String.valueOf(ids.get(4)), String.valueOf(ids.get(3)));
        JsonNode last = expect(200, SHOP.request("/api/orders?page=3&size=2", user).get());
        assertThat(last.get("items").findValuesAsText("id")).containsExactly(String.valueOf(ids.get(0)));
        assertThat(expect(200, SHOP.request("/api/orders", user).get()).get("items")).hasSize(5);

        JsonNode invalid = expectError(422, SHOP.request("/api/orders?page=0&size=101", user).get());
        assertThat(invalid.get("details").findValuesAsText("field")).containsExactlyInAnyOrder("page", "size");
        expectError(422, SHOP.request("/api/orders?page=abc", user).get());
        expectError(401, SHOP.request("/api/orders", null).get());
    }

    @Test
    void adminListsEveryOrderAndFiltersByStatus() {
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long product = SHOP.product("Admin listed", "2.50", 50);
        long paid = SHOP.order(customer(), product, 1);
        SHOP.order(customer(), product, 1);
        expect(200, setStatus(admin, paid, "PAID"));

        JsonNode all = expect(200, SHOP.request("/api/admin/orders?limit=100", admin).get());
        assertThat(all.get("items").findValuesAsText("id")).contains(String.valueOf(paid));
        JsonNode onlyPaid = expect(200, SHOP.request("/api/admin/orders?status=PAID&limit=100", admin).get());
        assertThat(onlyPaid.get("items").findValuesAsText("status")).containsOnly("PAID");
        assertThat(onlyPaid.get("items").findValuesAsText("id")).contains(String.valueOf(paid));
        assertThat(expect(200, SHOP.request("/api/admin/orders/" + paid, admin).get()).get("items")).hasSize(1);

        JsonNode badFilter = expectError(422, SHOP.request("/api/admin/orders?status=paid", admin).get());
        assertThat(badFilter.get("details").get(0).get("field").asText()).isEqualTo("status");
    }

    @Test
    void adminEndpointsAre403ForCustomersAnd401WithoutAToken() {
        TestUser user = customer();
        long id = SHOP.order(user, SHOP.product("Guarded", "1.00", 5), 1);

        expectError(403, SHOP.request("/api/admin/orders", user).get());
        expectError(403, SHOP.request("/api/admin/orders/" + id, user).get());
        expectError(403, setStatus(user, id, "PAID"));
        expectError(401, SHOP.request("/api/admin/orders", null).get());
        expectError(401, setStatus(null, id, "PAID"));
        assertThat(expect(200, SHOP.request("/api/orders/" + id, user).get()).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void cancelNeedsNoBodyAndNoContentTypeButCheckoutNeedsAnAddress() throws Exception {
        TestUser user = customer();
        long product = SHOP.product("Plain client", "1.00", 5);
        SHOP.putItem(user, product, 2);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> refused = http.send(bare("/api/orders", user), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(TestShop.Json.parse(refused.body()).get("details").get(0).get("field").asText()).isEqualTo("shippingAddress");
        assertThat(SHOP.stock(product)).isEqualTo(5);
        long id = expect(201, SHOP.post("/api/orders", user, TestShop.CHECKOUT)).get("id").asLong();

        HttpResponse<String> cancelled = http.send(bare("/api/orders/" + id + "/cancel", user), HttpResponse.BodyHandlers.ofString());
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(SHOP.stock(product)).isEqualTo(5);
    }

    /** A POST as {@code curl -X POST -H 'Authorization: ...'} sends it: no body, no Content-Type. */
    private static HttpRequest bare(String path, TestUser user) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                .header("Authorization", user.authorization()).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    @Test
    void theCountersAreExportedToPrometheus() throws Exception {
        SHOP.order(customer(), SHOP.product("Counted", "1.00", 5), 1);
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("(?m)^caddy_orders_placed_total [1-9]")
                .containsPattern("(?m)^caddy_stock_conflicts_total ");
    }
}
