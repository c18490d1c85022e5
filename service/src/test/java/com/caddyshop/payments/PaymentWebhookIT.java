package com.caddyshop.payments;

import static com.caddyshop.cart.TestShop.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.PaymentProvider;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The payment webhook against a real database, with events signed as a provider signs them. Every refused
 * delivery (wrong signature, old timestamp, replay, unknown intent, wrong amount) is checked to change
 * nothing: the order, its payment and the event table are as before.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class PaymentWebhookIT {
    /** The secret being rotated out (PAYMENTS_WEBHOOK_SECRET_PREVIOUS): this app is mid-rotation. */
    private static final String PREVIOUS_SECRET = "previous-payments-webhook-secret-0123456789-abc";
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("payments")
            .set("payments.previousWebhookSecret", () -> PREVIOUS_SECRET)
            // The retention's purge runs every second here (hourly in production), so a test can watch it work.
            .set("payments.eventPurgeInterval", () -> "1s").extension();
    static final TestShop SHOP = new TestShop(APP);

    private static PaymentProvider provider() {
        return new PaymentProvider(APP.getLocalPort(), TestApp.PAYMENTS_WEBHOOK_SECRET);
    }

    /** A PENDING order of one unit at 12.50 and its checkout response. */
    private static JsonNode placeOrder(TestUser user, long product) {
        SHOP.putItem(user, product, 1);
        return expect(201, SHOP.post("/api/orders", user, TestShop.CHECKOUT));
    }

    private static JsonNode order(long id) {
        return expect(200, SHOP.request("/api/admin/orders/" + id, TestTokens.create(APP, Role.ADMIN)).get());
    }

    private static long events(String eventId) {
        return SHOP.db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM payment_events WHERE event_id = :id")
                .bind("id", eventId).mapTo(Long.class).one());
    }

    private static String newEventId() {
        return "evt_" + UUID.randomUUID();
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return TestShop.Json.parse(response.body());
    }

    /** 4xx with the one error shape. */
    private static void refused(HttpResponse<String> response, int status) {
        JsonNode error = json(response, status);
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("details").isArray()).isTrue();
    }

    @Test
    void checkoutCreatesAnIntentAndASignedSuccessMakesTheOrderPaidOnceEvenWhenDeliveredAgain() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode placed = placeOrder(user, SHOP.product("Paid lamp", "12.50", 5));
        long id = placed.get("id").asLong();
        String intent = placed.get("payment").get("intent").asText();
        assertThat(intent).matches("pi_[0-9a-f]{32}");
        assertThat(placed.get("payment").get("status").asText()).isEqualTo("REQUIRES_PAYMENT");

        PaymentProvider provider = provider();
        String eventId = newEventId();
        String event = PaymentProvider.event(eventId, "payment.succeeded", intent, "12.50");
        long now = Instant.now().getEpochSecond();
        JsonNode receipt = json(provider.deliver(event, provider.signature(event, now)), 200);
        assertThat(receipt.get("eventId").asText()).isEqualTo(eventId);
        assertThat(receipt.get("outcome").asText()).isEqualTo("applied");
        JsonNode paid = order(id);
        assertThat(paid.get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get("payment").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(expect(200, SHOP.request("/api/orders/" + id, user).get()).get("status").asText()).isEqualTo("PAID");

        // The provider delivers the event again, signed anew: answered, nothing applied twice.
        JsonNode again = json(provider.deliver(event, provider.signature(event, now - 30)), 200);
        assertThat(again.get("outcome").asText()).isEqualTo("duplicate");
        assertThat(order(id).get("updatedAt")).isEqualTo(paid.get("updatedAt"));
        assertThat(events(eventId)).isEqualTo(1);

        // The very same signed request sent again is a replay: refused, nothing changes.
        refused(provider.deliver(event, provider.signature(event, now)), 409);
        assertThat(order(id)).isEqualTo(paid);
        assertThat(events(eventId)).isEqualTo(1);
    }

    @Test
    void aWrongSignatureAnOldTimestampAndAMissingHeaderAreRefusedWithoutAnyChange() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode placed = placeOrder(user, SHOP.product("Guarded lamp", "12.50", 5));
        long id = placed.get("id").asLong();
        String intent = placed.get("payment").get("intent").asText();
        JsonNode before = order(id);
        PaymentProvider provider = provider();
        String eventId = newEventId();
        String event = PaymentProvider.event(eventId, "payment.succeeded", intent, "12.50");
        long now = Instant.now().getEpochSecond();

        PaymentProvider impostor = new PaymentProvider(APP.getLocalPort(), "not-the-shops-secret-0123456789-abcdefgh");
        refused(impostor.deliver(event), 401);
        // A body changed after signing (here: the amount) no longer matches its signature.
        String signed = provider.signature(event, now);
        refused(provider.deliver(event.replace("12.50", "0.01"), signed), 401);
        // Signed correctly, but six minutes ago (or ahead): outside the five-minute tolerance.
        refused(provider.deliver(event, provider.signature(event, now - 360)), 401);
        refused(provider.deliver(event, provider.signature(event, now + 360)), 401);
        refused(provider.deliver(event, null), 401);
        refused(provider.deliver(event, "t=" + now + ",v1=zz"), 401);

        assertThat(order(id)).isEqualTo(before);
        assertThat(events(eventId)).isZero();
        // The same event, properly signed, still applies: nothing above consumed it.
        assertThat(json(provider.deliver(event), 200).get("outcome").asText()).isEqualTo("applied");
    }

    @Test
    void whileTheSecretIsRotatedDeliveriesSignedWithThePreviousOneStillApply() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode placed = placeOrder(user, SHOP.product("Rotated lamp", "12.50", 5));
        long id = placed.get("id").asLong();
        String intent = placed.get("payment").get("intent").asText();
        String eventId = newEventId();
        String event = PaymentProvider.event(eventId, "payment.succeeded", intent, "12.50");

        // A provider that has not switched yet still signs with the previous secret.
        PaymentProvider notSwitched = new PaymentProvider(APP.getLocalPort(), PREVIOUS_SECRET);
        assertThat(json(notSwitched.deliver(event), 200).get("outcome").asText()).isEqualTo("applied");
        assertThat(order(id).get("status").asText()).isEqualTo("PAID");
        // One that has switched re-delivers it signed with the new one; the event is known by then. A
        // re-delivery carries a timestamp of its own (the same one would be the same delivery replayed:
        // 409), so it is signed a second later than the first, whatever second this test runs in.
        PaymentProvider switched = provider();
        String resigned = switched.signature(event, Instant.now().getEpochSecond() + 1);
        assertThat(json(switched.deliver(event, resigned), 200).get("outcome").asText()).isEqualTo("duplicate");
        assertThat(events(eventId)).isEqualTo(1);
    }

    @Test
    void anUnknownIntentAWrongAmountAndABadEventAreRefusedAndNotRemembered() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode placed = placeOrder(user, SHOP.product("Exact lamp", "12.50", 5));
        long id = placed.get("id").asLong();
        String intent = placed.get("payment").get("intent").asText();
        PaymentProvider provider = provider();
        String eventId = newEventId();

        refused(provider.deliver(PaymentProvider.event(eventId, "payment.succeeded", "pi_unknown", "12.50")), 404);
        JsonNode mismatch = json(provider.deliver(PaymentProvider.event(eventId, "payment.succeeded", intent, "12.49")), 422);
        assertThat(mismatch.get("details").get(0).get("field").asText()).isEqualTo("data.amount");
        refused(provider.deliver("{\"id\": \"" + eventId + "\", \"type\": \"payment.succeeded\"}"), 422);
        refused(provider.deliver("not json"), 400);
        assertThat(order(id).get("status").asText()).isEqualTo("PENDING");
        assertThat(events(eventId)).isZero();

        // Types the shop does not act on are acknowledged, so the provider stops sending them.
        assertThat(json(provider.deliver(PaymentProvider.event(newEventId(), "customer.updated", intent, "0")), 200)
                .get("outcome").asText()).isEqualTo("ignored");
    }

    @Test
    void aFailedPaymentLeavesTheOrderPendingAndALaterSuccessStillPaysIt() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode placed = placeOrder(user, SHOP.product("Retry lamp", "12.50", 5));
        long id = placed.get("id").asLong();
        String intent = placed.get("payment").get("intent").asText();
        PaymentProvider provider = provider();

        assertThat(json(provider.deliver(PaymentProvider.event(newEventId(), "payment.failed", intent, "12.50")), 200)
                .get("outcome").asText()).isEqualTo("applied");
        JsonNode failed = order(id);
        assertThat(failed.get("status").asText()).isEqualTo("PENDING");
        assertThat(failed.get("payment").get("status").asText()).isEqualTo("FAILED");

        json(provider.deliver(PaymentProvider.event(newEventId(), "payment.succeeded", intent, "12.50")), 200);
        assertThat(order(id).get("status").asText()).isEqualTo("PAID");
        // A late failure report of the earlier attempt changes nothing now.
        assertThat(json(provider.deliver(PaymentProvider.event(newEventId(), "payment.failed", intent, "12.50")), 200)
                .get("outcome").asText()).isEqualTo("not_applicable");
        assertThat(order(id).get("payment").get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aProviderRefundOfAPaidOrderCancelsAndRestocksItAndIsRecordedAgainstThePayment() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        long product = SHOP.product("Refunded lamp", "12.50", 5);
        JsonNode placed = placeOrder(user, product);
        long id = placed.get("id").asLong();
        String intent = placed.get("payment").get("intent").asText();
        PaymentProvider provider = provider();
        json(provider.deliver(PaymentProvider.event(newEventId(), "payment.succeeded", intent, "12.50")), 200);
        assertThat(SHOP.stock(product)).isEqualTo(4);

        String refundEvent = newEventId();
        assertThat(json(provider.deliver(PaymentProvider.event(refundEvent, "payment.refunded", intent, "12.50")), 200)
                .get("outcome").asText()).isEqualTo("applied");
        JsonNode refunded = order(id);
        assertThat(refunded.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(refunded.get("payment").get("status").asText()).isEqualTo("REFUNDED");
        assertThat(SHOP.stock(product)).isEqualTo(5);
        assertThat(SHOP.ledgerSum(product)).isEqualTo(5);
        assertThat(refunded.get("refunds")).hasSize(1);
        assertThat(refunded.get("refundedAmount").decimalValue()).isEqualByComparingTo("12.50");
        JsonNode refund = refunded.get("refunds").get(0);
        assertThat(refund.get("source").asText()).isEqualTo("PROVIDER");
        assertThat(refund.get("paymentIntent").asText()).isEqualTo(intent);
        assertThat(refund.get("providerEventId").asText()).isEqualTo(refundEvent);
        assertThat(refund.get("refundedBy").isNull()).isTrue();
        assertThat(refund.get("amount").decimalValue()).isEqualByComparingTo("12.50");

        // A second refund report (another event id) finds it done.
        assertThat(json(provider.deliver(PaymentProvider.event(newEventId(), "payment.refunded", intent, "12.50")), 200)
                .get("outcome").asText()).isEqualTo("already_applied");
        assertThat(SHOP.stock(product)).isEqualTo(5);
    }

    @Test
    void providerRefundsInPartsAddUpAndTheLastCancelsAndRestocks() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        long product = SHOP.product("Part-refunded lamp", "12.50", 5);
        JsonNode placed = placeOrder(user, product);
        long id = placed.get("id").asLong();
        String intent = placed.get("payment").get("intent").asText();
        PaymentProvider provider = provider();
        json(provider.deliver(PaymentProvider.event(newEventId(), "payment.succeeded", intent, "12.50")), 200);

        String first = newEventId();
        String firstEvent = PaymentProvider.event(first, "payment.refunded", intent, "5.00");
        assertThat(json(provider.deliver(firstEvent), 200).get("outcome").asText()).isEqualTo("applied");
        JsonNode part = order(id);
        assertThat(part.get("status").asText()).isEqualTo("PAID");
        assertThat(part.get("payment").get("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(part.get("refundedAmount").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(SHOP.stock(product)).isEqualTo(4);

        // The provider delivers the same refund event again: idempotent per event id, not refunded twice.
        long now = Instant.now().getEpochSecond();
        assertThat(json(provider.deliver(firstEvent, provider.signature(firstEvent, now - 20)), 200)
                .get("outcome").asText()).isEqualTo("duplicate");
        assertThat(order(id)).isEqualTo(part);

        // More than is left (7.50), nothing, or another currency: refused, nothing written, event not remembered.
        String tooMuch = newEventId();
        JsonNode refused = json(provider.deliver(PaymentProvider.event(tooMuch, "payment.refunded", intent, "7.51")), 422);
        assertThat(refused.get("details").get(0).get("field").asText()).isEqualTo("data.amount");
        assertThat(refused.get("details").get(0).get("message").asText()).contains("7.50");
        refused(provider.deliver(PaymentProvider.event(tooMuch, "payment.refunded", intent, "0.00")), 422);
        refused(provider.deliver(PaymentProvider.event(tooMuch, "payment.refunded", intent, "1.00")
                .replace("EUR", "USD")), 422);
        assertThat(order(id)).isEqualTo(part);
        assertThat(events(tooMuch)).isZero();

        assertThat(json(provider.deliver(PaymentProvider.event(newEventId(), "payment.refunded", intent, "7.50")), 200)
                .get("outcome").asText()).isEqualTo("applied");
        JsonNode whole = order(id);
        assertThat(whole.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(whole.get("payment").get("status").asText()).isEqualTo("REFUNDED");
        assertThat(whole.get("refundedAmount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(whole.get("refunds")).hasSize(2);
        assertThat(whole.get("refunds").get(0).get("providerEventId").asText()).isEqualTo(first);
        assertThat(SHOP.stock(product)).isEqualTo(5).isEqualTo(SHOP.ledgerSum(product));
    }

    @Test
    void eventsOlderThanTheRetentionArePurgedInTheBackgroundAndCounted() {
        String old = newEventId();
        String young = newEventId();
        SHOP.db().useHandle(h -> {
            String insert = "INSERT INTO payment_events (event_id, event_type, payment_intent, outcome, signed_at,"
                    + " received_at) VALUES (:id, 'payment.succeeded', 'pi_old', 'APPLIED', 1, :at)";
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            h.createUpdate(insert).bind("id", old).bind("at", now.minusDays(30).minusMinutes(1)).execute();
            h.createUpdate(insert).bind("id", young).bind("at", now.minusDays(29)).execute();
        });
        Await.until("the 30-day-old event purged", Duration.ofSeconds(30), () -> events(old) == 0);
        assertThat(events(young)).isEqualTo(1);
        assertThat(prometheus()).containsPattern("(?m)^caddy_payments_events_purged_total [1-9]");
    }

    @Test
    void aRefundEventDeliveredAgainAfterItsRowWasPurgedIsNotRefundedTwice() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode placed = placeOrder(user, SHOP.product("Long-kept lamp", "12.50", 5));
        long id = placed.get("id").asLong();
        String intent = placed.get("payment").get("intent").asText();
        PaymentProvider provider = provider();
        json(provider.deliver(PaymentProvider.event(newEventId(), "payment.succeeded", intent, "12.50")), 200);
        String refundId = newEventId();
        String refund = PaymentProvider.event(refundId, "payment.refunded", intent, "2.50");
        json(provider.deliver(refund), 200);
        JsonNode refunded = order(id);
        SHOP.db().useHandle(h -> h.createUpdate("DELETE FROM payment_events WHERE event_id = :id").bind("id", refundId)
                .execute());

        assertThat(json(provider.deliver(refund), 200).get("outcome").asText()).isEqualTo("duplicate");
        assertThat(order(id)).isEqualTo(refunded);
        assertThat(refunded.get("refundedAmount").decimalValue()).isEqualByComparingTo("2.50");
    }

    @Test
    void aPaymentForACancelledOrderIsRecordedButDoesNotRevive() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode placed = placeOrder(user, SHOP.product("Late lamp", "12.50", 5));
        long id = placed.get("id").asLong();
        expect(200, SHOP.post("/api/orders/" + id + "/cancel", user, null));
        String eventId = newEventId();
        assertThat(json(provider().deliver(PaymentProvider.event(eventId, "payment.succeeded",
                placed.get("payment").get("intent").asText(), "12.50")), 200).get("outcome").asText())
                .isEqualTo("not_applicable");
        assertThat(order(id).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(events(eventId)).isEqualTo(1);
    }

    private static String prometheus() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void outcomesAreCountedForPrometheus() {
        provider().deliver("{}", "t=1,v1=00");
        assertThat(prometheus()).containsPattern("(?m)^caddy_payment_webhook_events_total\\{outcome=\"stale\"} [1-9]")
                .contains("caddy_payment_webhook_events_total{outcome=\"applied\"}");
    }
}
