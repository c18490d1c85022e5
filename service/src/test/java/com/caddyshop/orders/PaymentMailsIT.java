package com.caddyshop.orders;

import static com.caddyshop.cart.TestShop.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.MailCatcher;
import com.caddyshop.testing.MailCatcher.Message;
import com.caddyshop.testing.PaymentProvider;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RefusedUpdates;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer's mail about their payment, through the outbox to a real SMTP server: payment received, payment
 * failed, each refund. Each mail is queued in the transaction of its change, so a delivery the webhook refuses
 * (bad signature, the same event again, a failure after the mail was queued) mails nothing, and every refund,
 * an admin's or the provider's, is mailed once. "Once" is counted after the outbox is drained (no row of the
 * customer's left QUEUED), so a second mail would have arrived by then.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class PaymentMailsIT {
    private static final Supplier<MailCatcher> SMTP = TestApp.memoize(MailCatcher::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP =
            TestApp.onSharedServers("payment_mails").smtp(SMTP).extension();
    static final TestShop SHOP = new TestShop(APP);
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static PaymentProvider provider() {
        return new PaymentProvider(APP.getLocalPort(), TestApp.PAYMENTS_WEBHOOK_SECRET);
    }

    /** A PENDING order of one unit at 12.50 EUR (its checkout response). */
    private static JsonNode placeOrder(TestUser user, String productName) {
        SHOP.putItem(user, SHOP.product(productName, "12.50", 5), 1);
        return expect(201, SHOP.post("/api/orders", user, TestShop.CHECKOUT));
    }

    private static String intent(JsonNode order) {
        return order.get("payment").get("intent").asText();
    }

    private static String event(String type, JsonNode order, String amount) {
        return PaymentProvider.event("evt_" + UUID.randomUUID(), type, intent(order), amount);
    }

    private static String outcome(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestShop.Json.parse(response.body()).get("outcome").asText();
    }

    /** Waits until every mail queued for the address went out, then answers those with this subject. */
    private static List<Message> sentTo(TestUser user, String subject) {
        Await.until("the outbox drained for " + user.email(), BOUND, () -> SHOP.db().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r AND status <> 'SENT'")
                .bind("r", user.email()).mapTo(Integer.class).one()) == 0);
        return SMTP.get().messagesTo(user.email(), subject);
    }

    /** Rows of a kind in the outbox for the address: what was queued, whether or not sent yet. */
    private static int queued(TestUser user, String kind) {
        return SHOP.db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r AND kind = :k")
                .bind("r", user.email()).bind("k", kind).mapTo(Integer.class).one());
    }

    private static String paidSubject(long orderId) {
        return "We received your payment for order " + orderId;
    }

    @Test
    void theConfirmedPaymentIsMailedOnceThoughTheEventIsDeliveredAgainAndReplayed() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode order = placeOrder(user, "Mailed-paid lamp");
        long id = order.get("id").asLong();
        PaymentProvider provider = provider();
        String event = event("payment.succeeded", order, "12.50");
        long now = Instant.now().getEpochSecond();

        assertThat(outcome(provider.deliver(event, provider.signature(event, now)))).isEqualTo("applied");
        // The provider delivers it again (signed anew), and the very same signed request comes again (a replay).
        assertThat(outcome(provider.deliver(event, provider.signature(event, now - 30)))).isEqualTo("duplicate");
        assertThat(provider.deliver(event, provider.signature(event, now)).statusCode()).isEqualTo(409);

        Message paid = SMTP.get().awaitMessageTo(user.email(), paidSubject(id), BOUND);
        assertThat(paid.text()).contains("We received your payment of 12.50 EUR for order " + id,
                "https://shop.caddy.test/orders/" + id);
        assertThat(paid.html()).contains("lang=\"en\"", "<strong>12.50 EUR</strong>",
                "href=\"https://shop.caddy.test/orders/" + id + "\"");
        assertThat(sentTo(user, paidSubject(id))).hasSize(1);
        assertThat(queued(user, "PAYMENT_RECEIVED")).isEqualTo(1);
    }

    @Test
    void aDeliveryRefusedForItsSignatureMailsNothingAndTheSignedOneThenMailsOnce() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode order = placeOrder(user, "Forged-paid lamp");
        long id = order.get("id").asLong();
        String event = event("payment.succeeded", order, "12.50");

        PaymentProvider impostor = new PaymentProvider(APP.getLocalPort(), "not-the-shops-secret-0123456789-abcdefgh");
        assertThat(impostor.deliver(event).statusCode()).isEqualTo(401);
        assertThat(provider().deliver(event, null).statusCode()).isEqualTo(401);
        assertThat(sentTo(user, paidSubject(id))).isEmpty();
        assertThat(queued(user, "PAYMENT_RECEIVED")).isZero();

        // The zero above is not vacuous: the same event, signed by the provider, mails the customer.
        assertThat(outcome(provider().deliver(event))).isEqualTo("applied");
        assertThat(SMTP.get().awaitMessageTo(user.email(), paidSubject(id), BOUND).text()).contains("12.50 EUR");
        assertThat(sentTo(user, paidSubject(id))).hasSize(1);
    }

    @Test
    void aWebhookTransactionThatFailsAfterQueueingTheMailLeavesNoMail() {
        // The webhook stores the event's outcome after the order changed and its mail was queued: the database
        // refuses that update for these event ids (500), and the whole transaction is rolled back.
        RefusedUpdates.of(SHOP.db(), "payment_events", "NEW.event_id LIKE 'evt_fail-after-mail-%'");
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode order = placeOrder(user, "Rolled-back lamp");
        long id = order.get("id").asLong();

        String failing = PaymentProvider.event("evt_fail-after-mail-" + UUID.randomUUID(), "payment.succeeded",
                intent(order), "12.50");
        assertThat(provider().deliver(failing).statusCode()).isEqualTo(500);
        assertThat(expect(200, SHOP.request("/api/orders/" + id, user).get()).get("status").asText())
                .isEqualTo("PENDING");
        assertThat(queued(user, "PAYMENT_RECEIVED")).as("the mail rolled back with the payment").isZero();
        assertThat(sentTo(user, paidSubject(id))).isEmpty();

        assertThat(outcome(provider().deliver(event("payment.succeeded", order, "12.50")))).isEqualTo("applied");
        assertThat(SMTP.get().awaitMessageTo(user.email(), paidSubject(id), BOUND)).isNotNull();
        assertThat(queued(user, "PAYMENT_RECEIVED")).isEqualTo(1);
    }

    @Test
    void eachRefundIsMailedOnceWhetherTheProviderOrAnAdminRecordsIt() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        JsonNode order = placeOrder(user, "Refund-mailed lamp");
        long id = order.get("id").asLong();
        String subject = "A refund for your order " + id;
        PaymentProvider provider = provider();
        assertThat(outcome(provider.deliver(event("payment.succeeded", order, "12.50")))).isEqualTo("applied");

        // The provider's refund of 2.50, delivered twice: one refund, one mail.
        String refund = event("payment.refunded", order, "2.50");
        long now = Instant.now().getEpochSecond();
        assertThat(outcome(provider.deliver(refund, provider.signature(refund, now)))).isEqualTo("applied");
        assertThat(outcome(provider.deliver(refund, provider.signature(refund, now - 20)))).isEqualTo("duplicate");
        // More than is left is refused: no refund, no mail.
        assertThat(provider.deliver(event("payment.refunded", order, "10.01")).statusCode()).isEqualTo(422);
        expect(200, SHOP.post("/api/admin/orders/" + id + "/refund", admin, "{\"amount\": \"4.00\"}"));
        TestShop.expectError(422, SHOP.post("/api/admin/orders/" + id + "/refund", admin, "{\"amount\": \"6.01\"}"));
        // The rest, by an admin: the refund that completes it also cancels the PAID order (mailed as such too).
        expect(200, SHOP.post("/api/admin/orders/" + id + "/refund", admin, "{\"reason\": \"out of stock\"}"));

        List<Message> refunds = sentTo(user, subject);
        assertThat(refunds).hasSize(3);
        assertThat(queued(user, "REFUND_ISSUED")).isEqualTo(3);
        assertThat(refunds).extracting(Message::text).anySatisfy(text -> assertThat(text).contains(
                "We refunded 2.50 EUR of your order " + id + " (12.50 EUR)", "Refunded in all: 2.50 EUR",
                "Paid after refunds: 10.00 EUR")).anySatisfy(text -> assertThat(text).contains(
                "We refunded 4.00 EUR", "Refunded in all: 6.50 EUR", "Paid after refunds: 6.00 EUR"))
                .anySatisfy(text -> assertThat(text).contains(
                "We refunded 6.00 EUR", "Refunded in all: 12.50 EUR", "Paid after refunds: 0.00 EUR"));
        assertThat(refunds).extracting(Message::html).allSatisfy(html -> assertThat(html).contains("lang=\"en\""));
        assertThat(sentTo(user, "Your order " + id + " is cancelled")).hasSize(1);
    }

    @Test
    void aFailedPaymentIsMailedWithTheEndOfTheHoldAndOnlyOnce() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode order = placeOrder(user, "Declined lamp");
        long id = order.get("id").asLong();
        String subject = "The payment for your order " + id + " did not go through";
        PaymentProvider provider = provider();

        assertThat(outcome(provider.deliver(event("payment.failed", order, "12.50")))).isEqualTo("applied");
        // A second failure report finds the payment FAILED already: nothing more to tell.
        assertThat(outcome(provider.deliver(event("payment.failed", order, "12.50")))).isEqualTo("already_applied");

        String holdEnds = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(
                Instant.parse(order.get("createdAt").asText()).atOffset(ZoneOffset.UTC)
                        .plus(APP.getConfiguration().getOrders().getHold().toJavaDuration()));
        Message failed = SMTP.get().awaitMessageTo(user.email(), subject, BOUND);
        assertThat(failed.text()).contains("12.50 EUR", "until " + holdEnds, "https://shop.caddy.test/orders/" + id);
        assertThat(failed.html()).contains("<strong>" + holdEnds + "</strong>");
        assertThat(sentTo(user, subject)).hasSize(1);

        // Paying again after the failure makes it PAID, mailed as any payment.
        assertThat(outcome(provider.deliver(event("payment.succeeded", order, "12.50")))).isEqualTo("applied");
        assertThat(SMTP.get().awaitMessageTo(user.email(), paidSubject(id), BOUND)).isNotNull();
    }

    @Test
    void anAdminWhoMarksAnOrderPaidMailsTheCustomerAndTheProvidersLaterConfirmationDoesNotAgain() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        JsonNode order = placeOrder(user, "Bank-transfer lamp");
        long id = order.get("id").asLong();
        expect(200, SHOP.post("/api/admin/orders/" + id + "/status", TestTokens.create(APP, Role.ADMIN),
                "{\"status\": \"PAID\"}"));
        assertThat(SMTP.get().awaitMessageTo(user.email(), paidSubject(id), BOUND)).isNotNull();

        assertThat(outcome(provider().deliver(event("payment.succeeded", order, "12.50")))).isEqualTo("applied");
        assertThat(sentTo(user, paidSubject(id))).hasSize(1);
        assertThat(queued(user, "PAYMENT_RECEIVED")).isEqualTo(1);
    }

    @Test
    void aChineseProfileGetsTheChineseMails() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        // The account's mail language, as registration stores it from Accept-Language: zh.
        SHOP.db().useHandle(h -> h.createUpdate("UPDATE users SET language = 'zh' WHERE id = :id")
                .bind("id", user.id()).execute());
        JsonNode order = placeOrder(user, "Chinese-mailed lamp");
        long id = order.get("id").asLong();
        PaymentProvider provider = provider();
        assertThat(outcome(provider.deliver(event("payment.failed", order, "12.50")))).isEqualTo("applied");
        assertThat(outcome(provider.deliver(event("payment.succeeded", order, "12.50")))).isEqualTo("applied");
        assertThat(outcome(provider.deliver(event("payment.refunded", order, "2.50")))).isEqualTo("applied");

        Message failed = SMTP.get().awaitMessageTo(user.email(), "您的订单 " + id + " 付款未成功", BOUND);
        assertThat(failed.text()).contains("请在此之前重新付款");
        Message paid = SMTP.get().awaitMessageTo(user.email(), "已收到您的订单 " + id + " 的付款", BOUND);
        assertThat(paid.text()).contains("已收到您为订单 " + id + " 支付的 12.50 EUR");
        assertThat(paid.html()).contains("lang=\"zh\"");
        Message refund = SMTP.get().awaitMessageTo(user.email(), "您的订单 " + id + " 已退款", BOUND);
        assertThat(refund.text()).contains("退款 2.50 EUR", "累计退款：2.50 EUR", "扣除退款后实付：10.00 EUR");
        assertThat(refund.html()).contains("lang=\"zh\"");
        assertThat(queued(user, "PAYMENT_FAILED") + queued(user, "PAYMENT_RECEIVED") + queued(user, "REFUND_ISSUED"))
                .isEqualTo(3);
    }
}
