package com.caddyshop.orders;

import static com.caddyshop.cart.TestShop.expect;
import static com.caddyshop.cart.TestShop.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.MailCatcher;
import com.caddyshop.testing.MailCatcher.Message;
import com.caddyshop.testing.PaymentProvider;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Staff's side of an order: the admin search (customer, status, date range, keyset pages), fulfilment with
 * a tracking number mailed to the customer, refunds recorded against the payment; and the customer's mail
 * showing where the order ships.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class OrderAdministrationIT {
    private static final Supplier<MailCatcher> SMTP = TestApp.memoize(MailCatcher::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP =
            TestApp.onSharedServers("order_admin").smtp(SMTP).extension();
    static final TestShop SHOP = new TestShop(APP);
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static TestUser admin() {
        return TestTokens.create(APP, Role.ADMIN);
    }

    /** A PENDING order paid through the signed webhook, as in production. */
    private static JsonNode paidOrder(TestUser user, long product) {
        SHOP.putItem(user, product, 1);
        JsonNode order = expect(201, SHOP.post("/api/orders", user, TestShop.CHECKOUT));
        String event = PaymentProvider.event("evt_" + UUID.randomUUID(), "payment.succeeded",
                order.get("payment").get("intent").asText(), order.get("totalAmount").decimalValue().toPlainString());
        var response = new PaymentProvider(APP.getLocalPort(), TestApp.PAYMENTS_WEBHOOK_SECRET).deliver(event);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return order;
    }

    @Test
    void theConfirmationMailShowsTheAddressAndShippingMailsTheTrackingNumber() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        TestUser admin = admin();
        long id = paidOrder(user, SHOP.product("Shipped kettle", "30.00", 5)).get("id").asLong();
        // Found by subject: the payment's mail may arrive before or after it.
        Message placed = SMTP.get().awaitMessageTo(user.email(), "Your order " + id, BOUND);
        assertThat(placed.text()).contains("Ships to:", "Ada Lovelace", "12 St James's Square", "SW1Y 4JH London", "GB");
        assertThat(placed.html()).contains("12 St James&#39;s Square");

        JsonNode badBody = expectError(422, SHOP.post("/api/admin/orders/" + id + "/fulfilment", admin,
                "{\"carrier\": \"DHL\", \"trackingNumber\": \"\"}"));
        assertThat(badBody.get("details").findValuesAsText("field")).contains("trackingNumber");
        JsonNode shipped = expect(200, SHOP.post("/api/admin/orders/" + id + "/fulfilment", admin,
                "{\"carrier\": \"DHL\", \"trackingNumber\": \"JD014600006578\"}"));
        assertThat(shipped.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.get("fulfilment").get("carrier").asText()).isEqualTo("DHL");
        assertThat(shipped.get("fulfilment").get("trackingNumber").asText()).isEqualTo("JD014600006578");
        assertThat(shipped.get("fulfilment").get("shippedAt").asText()).endsWith("Z");
        assertThat(expect(200, SHOP.request("/api/orders/" + id, user).get()).get("fulfilment"))
                .isEqualTo(shipped.get("fulfilment"));

        Message mail = SMTP.get().awaitMessageTo(user.email(), "Your order " + id + " is on its way", BOUND);
        assertThat(mail.text()).contains("DHL", "JD014600006578", "Ada Lovelace");

        // Shipping twice, or an unpaid order, is a conflict.
        JsonNode again = expectError(409, SHOP.post("/api/admin/orders/" + id + "/fulfilment", admin,
                "{\"carrier\": \"DHL\", \"trackingNumber\": \"OTHER\"}"));
        assertThat(again.get("details").get(0).get("from").asText()).isEqualTo("SHIPPED");
        long unpaid = SHOP.order(user, SHOP.product("Unpaid kettle", "30.00", 5), 1);
        expectError(409, SHOP.post("/api/admin/orders/" + unpaid + "/fulfilment", admin,
                "{\"carrier\": \"DHL\", \"trackingNumber\": \"X1\"}"));
        expectError(403, SHOP.post("/api/admin/orders/" + id + "/fulfilment", user,
                "{\"carrier\": \"DHL\", \"trackingNumber\": \"X1\"}"));
    }

    @Test
    void anAdminRefundIsRecordedAgainstThePaymentAndOnlyOnce() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        TestUser admin = admin();
        long product = SHOP.product("Refunded kettle", "30.00", 5);
        JsonNode shippedOrder = paidOrder(user, product);
        long shipped = shippedOrder.get("id").asLong();
        expect(200, SHOP.post("/api/admin/orders/" + shipped + "/fulfilment", admin,
                "{\"carrier\": \"UPS\", \"trackingNumber\": \"1Z999\"}"));

        // Shipped: the money goes back, the order keeps its status and its stock stays sold.
        JsonNode refunded = expect(200, SHOP.post("/api/admin/orders/" + shipped + "/refund", admin,
                "{\"reason\": \"arrived broken\"}"));
        assertThat(refunded.get("status").asText()).isEqualTo("SHIPPED");
        assertThat(refunded.get("payment").get("status").asText()).isEqualTo("REFUNDED");
        assertThat(SHOP.stock(product)).isEqualTo(4);
        assertThat(refunded.get("refunds")).hasSize(1);
        JsonNode refund = refunded.get("refunds").get(0);
        assertThat(refund.get("source").asText()).isEqualTo("ADMIN");
        assertThat(refund.get("refundedBy").asLong()).isEqualTo(admin.id());
        assertThat(refund.get("paymentIntent").asText()).isEqualTo(shippedOrder.get("payment").get("intent").asText());
        assertThat(refund.get("reason").asText()).isEqualTo("arrived broken");
        expectError(409, SHOP.post("/api/admin/orders/" + shipped + "/refund", admin, null));

        // Paid, not shipped: cancelled and restocked with the refund.
        long paid = paidOrder(user, product).get("id").asLong();
        assertThat(SHOP.stock(product)).isEqualTo(3);
        JsonNode cancelled = expect(200, SHOP.post("/api/admin/orders/" + paid + "/refund", admin, null));
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(SHOP.stock(product)).isEqualTo(4);

        // Never paid: nothing to refund, nothing recorded.
        long pending = SHOP.order(user, product, 1);
        expectError(409, SHOP.post("/api/admin/orders/" + pending + "/refund", admin, null));
        assertThat(expect(200, SHOP.request("/api/admin/orders/" + pending, admin).get()).get("refunds")).isEmpty();
        expectError(404, SHOP.post("/api/admin/orders/999999999/refund", admin, null));
    }

    @Test
    void partialRefundsAddUpAndTheOneThatCompletesThemCancelsAPaidOrder() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        TestUser admin = admin();
        long product = SHOP.product("Part-refunded kettle", "30.00", 5);
        long id = paidOrder(user, product).get("id").asLong();
        String refund = "/api/admin/orders/" + id + "/refund";

        JsonNode part = expect(200, SHOP.post(refund, admin, "{\"amount\": \"10.00\", \"reason\": \"scratched\"}"));
        assertThat(part.get("status").asText()).isEqualTo("PAID");
        assertThat(part.get("payment").get("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(part.get("refundedAmount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(part.get("refunds")).hasSize(1);
        assertThat(part.get("refunds").get(0).get("amount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(SHOP.stock(product)).isEqualTo(4);
        // The customer sees what came back, not who gave it or why.
        JsonNode mine = expect(200, SHOP.request("/api/orders/" + id, user).get());
        assertThat(mine.get("refundedAmount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(mine.has("refunds")).isFalse();

        // More than is left, nothing, less than nothing, a fraction of a cent: 422, nothing written.
        JsonNode tooMuch = expectError(422, SHOP.post(refund, admin, "{\"amount\": \"20.01\"}"));
        assertThat(tooMuch.get("details").get(0).get("field").asText()).isEqualTo("amount");
        assertThat(tooMuch.get("details").get(0).get("message").asText()).contains("20.00");
        expectError(422, SHOP.post(refund, admin, "{\"amount\": \"0\"}"));
        expectError(422, SHOP.post(refund, admin, "{\"amount\": \"-1.00\"}"));
        expectError(422, SHOP.post(refund, admin, "{\"amount\": \"1.001\"}"));
        assertThat(expect(200, SHOP.request("/api/admin/orders/" + id, admin).get())).isEqualTo(part);

        // Two more parts add up to the total: the last one refunds the payment and cancels the PAID order.
        expect(200, SHOP.post(refund, admin, "{\"amount\": \"15.00\"}"));
        JsonNode whole = expect(200, SHOP.post(refund, admin, "{\"amount\": \"5.00\"}"));
        assertThat(whole.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(whole.get("payment").get("status").asText()).isEqualTo("REFUNDED");
        assertThat(whole.get("refundedAmount").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(whole.get("refunds")).extracting(r -> r.get("amount").decimalValue().toPlainString())
                .containsExactly("10.00", "15.00", "5.00");
        assertThat(SHOP.stock(product)).isEqualTo(5).isEqualTo(SHOP.ledgerSum(product));
        expectError(409, SHOP.post(refund, admin, "{\"amount\": \"0.01\"}"));
    }

    @Test
    void twoRefundsRacingNeverGiveBackMoreThanWasPaid() throws Exception {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        TestUser admin = admin();
        long product = SHOP.product("Raced kettle", "30.00", 5);
        long id = paidOrder(user, product).get("id").asLong();
        String refund = "/api/admin/orders/" + id + "/refund";
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Integer> twenty = () -> {
            start.await(30, TimeUnit.SECONDS);
            try (var response = SHOP.post(refund, admin, "{\"amount\": \"20.00\"}")) {
                return response.getStatus();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = pool.invokeAll(List.of(twenty, twenty));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            // The loser either lost the compare-and-set (409) or read the winner's sum (422).
            assertThat(statuses).containsOnlyOnce(200).containsAnyOf(409, 422);
        } finally {
            pool.shutdownNow();
        }
        JsonNode order = expect(200, SHOP.request("/api/admin/orders/" + id, admin).get());
        assertThat(order.get("refundedAmount").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(order.get("refunds")).hasSize(1);
    }

    @Test
    void theSearchFiltersByCustomerStatusAndDateAndPagesByKeyset() {
        TestUser admin = admin();
        TestUser buyer = TestTokens.createVerified(APP, Role.CUSTOMER);
        long product = SHOP.product("Searched kettle", "1.00", 100);
        List<Long> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(SHOP.order(buyer, product, 1));
        }
        SHOP.order(TestTokens.createVerified(APP, Role.CUSTOMER), product, 1);
        // Two orders in one millisecond, so the id breaks the tie: the pages must neither repeat nor skip one.
        SHOP.db().useHandle(h -> h.createUpdate("UPDATE orders SET created_at = (SELECT c FROM (SELECT MIN(created_at) c"
                        + " FROM orders WHERE id IN (<ids>)) t) WHERE id IN (<ids>)")
                .bindList("ids", placed.subList(0, 2)).execute());

        List<String> seen = new ArrayList<>();
        String path = "/api/admin/orders?customer=" + buyer.id() + "&limit=2";
        JsonNode page = expect(200, SHOP.request(path, admin).get());
        while (true) {
            page.get("items").forEach(o -> seen.add(o.get("id").asText()));
            assertThat(page.get("items").findValuesAsText("userId")).containsOnly(String.valueOf(buyer.id()));
            if (page.get("next").isNull()) {
                break;
            }
            page = expect(200, SHOP.request(path + "&after=" + page.get("next").asText(), admin).get());
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(placed.stream().map(String::valueOf).toList());

        expect(200, SHOP.post("/api/admin/orders/" + placed.get(4) + "/status", admin, "{\"status\": \"PAID\"}"));
        JsonNode paid = expect(200, SHOP.request("/api/admin/orders?customer=" + buyer.id() + "&status=PAID", admin).get());
        assertThat(paid.get("items").findValuesAsText("id")).containsExactly(String.valueOf(placed.get(4)));

        JsonNode today = expect(200, SHOP.request("/api/admin/orders?customer=" + buyer.id() + "&from="
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "&to="
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1), admin).get());
        assertThat(today.get("items")).hasSize(5);
        JsonNode past = expect(200, SHOP.request("/api/admin/orders?customer=" + buyer.id()
                + "&to=2020-01-01T00:00:00Z", admin).get());
        assertThat(past.get("items")).isEmpty();
        assertThat(past.get("next").isNull()).isTrue();

        JsonNode bad = expectError(422, SHOP.request(
                "/api/admin/orders?customer=x&status=paid&from=yesterday&limit=101&after=0", admin).get());
        assertThat(bad.get("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("customer", "status", "from", "limit", "after");
        expectError(422, SHOP.request("/api/admin/orders?from=2026-02-01&to=2026-01-01", admin).get());
        expectError(422, SHOP.request("/api/admin/orders?after=999999999", admin).get());
    }

    @Test
    void theSearchFindsACustomersOrdersByEmailInAnyCaseWithTheOtherFiltersAndPages() {
        TestUser admin = admin();
        TestUser buyer = TestTokens.createVerified(APP, Role.CUSTOMER);
        TestUser other = TestTokens.createVerified(APP, Role.CUSTOMER);
        long product = SHOP.product("Mailed kettle", "1.00", 100);
        List<Long> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(SHOP.order(buyer, product, 1));
        }
        SHOP.order(other, product, 1);
        expect(200, SHOP.post("/api/admin/orders/" + placed.get(0) + "/status", admin, "{\"status\": \"PAID\"}"));
        String shouted = java.net.URLEncoder.encode(" " + buyer.email().toUpperCase() + " ",
                java.nio.charset.StandardCharsets.UTF_8);

        JsonNode all = expect(200, SHOP.request("/api/admin/orders?email=" + shouted, admin).get());
        assertThat(all.get("items").findValuesAsText("id"))
                .containsExactly(placed.get(2).toString(), placed.get(1).toString(), placed.get(0).toString());
        // With the status filter, and a page at a time.
        JsonNode paid = expect(200, SHOP.request("/api/admin/orders?status=PAID&email=" + shouted, admin).get());
        assertThat(paid.get("items").findValuesAsText("id")).containsExactly(placed.get(0).toString());
        JsonNode first = expect(200, SHOP.request("/api/admin/orders?limit=2&email=" + shouted, admin).get());
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = expect(200, SHOP.request("/api/admin/orders?limit=2&email=" + shouted + "&after="
                + first.get("next").asText(), admin).get());
        assertThat(second.get("items").findValuesAsText("id")).containsExactly(placed.get(0).toString());

        // Exact, not a prefix; an unknown address or one that is not the given customer's finds nothing.
        String prefix = buyer.email().substring(0, buyer.email().indexOf('@') - 1) + "@test.local";
        assertThat(expect(200, SHOP.request("/api/admin/orders?email=" + prefix, admin).get()).get("items")).isEmpty();
        assertThat(expect(200, SHOP.request("/api/admin/orders?email=nobody@test.local", admin).get()).get("items"))
                .isEmpty();
        assertThat(expect(200, SHOP.request("/api/admin/orders?customer=" + other.id() + "&email=" + shouted, admin)
                .get()).get("items")).isEmpty();
        JsonNode bad = expectError(422, SHOP.request("/api/admin/orders?email=not-an-address&limit=0", admin).get());
        assertThat(bad.get("details").findValuesAsText("field")).containsExactlyInAnyOrder("email", "limit");
        expectError(403, SHOP.request("/api/admin/orders?email=" + shouted, buyer).get());
    }

    @Test
    void theSearchUsesAnIndexForEveryFilter() {
        // EXPLAIN on the test's MariaDB: each filter combination is an index range or an index scan in
        // time order, never a full scan with a sort of the whole table.
        for (String where : List.of("1 = 1", "1 = 1 AND status = 'PAID'", "1 = 1 AND user_id = 1",
                "1 = 1 AND user_id = 1 AND status = 'PAID'", "1 = 1 AND status = 'PAID' AND created_at < '2026-02-01'"
                        + " AND (created_at < '2026-01-15' OR (created_at = '2026-01-15' AND id < 5))",
                "1 = 1 AND created_at >= '2026-01-01' AND created_at < '2026-02-01'")) {
            List<String> plan = SHOP.db().withHandle(h -> h.createQuery("EXPLAIN SELECT id FROM orders WHERE " + where
                    + " ORDER BY created_at DESC, id DESC LIMIT 50").map((rs, ctx) -> rs.getString("key") + " / "
                    + rs.getString("Extra")).list());
            assertThat(plan).as(where).singleElement().asString().doesNotStartWith("null").doesNotContain("filesort");
        }
    }
}
