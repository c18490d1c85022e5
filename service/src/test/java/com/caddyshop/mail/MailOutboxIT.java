package com.caddyshop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.AccountsClient;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.MailCatcher;
import com.caddyshop.testing.MailCatcher.Message;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mail through the outbox to a real SMTP server (aiosmtpd on loopback): the row commits with its
 * event, the sender delivers it, SMTP down costs time but no mail, and what arrives is the rendered
 * template in the account's language with both a plain-text and an HTML part.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class MailOutboxIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Supplier<MailCatcher> SMTP = TestApp.memoize(MailCatcher::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP =
            TestApp.onSharedServers("mail_outbox").smtp(SMTP).extension();

    private final AccountsClient accounts = new AccountsClient(APP);
    private final TestShop shop = new TestShop(APP);

    @Test
    void registrationSendsTheVerificationMailWithBothParts() {
        try (Response response = accounts.register("welcome@mail.test", "correct horse battery")) {
            assertThat(response.getStatus()).isEqualTo(202);
        }
        Message mail = SMTP.get().awaitMessagesTo("welcome@mail.test", 1, BOUND).get(0);
        assertThat(mail.from()).isEqualTo("shop@caddy.test");
        assertThat(mail.subject()).isEqualTo("Confirm your e-mail address");
        assertThat(mail.text()).contains("https://shop.caddy.test/verify-email?token=");
        assertThat(mail.html()).contains("<a href=\"https://shop.caddy.test/verify-email?token=");
        awaitStatus("welcome@mail.test", "SENT");
    }

    @Test
    void accountsThatAskForChineseGetChineseMail() {
        try (Response response = accounts.request("/api/auth/register").header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
                .post(Entity.json(Map.of("email", "zhongwen@mail.test", "password", "correct horse battery")))) {
            assertThat(response.getStatus()).isEqualTo(202);
        }
        Message mail = SMTP.get().awaitMessagesTo("zhongwen@mail.test", 1, BOUND).get(0);
        assertThat(mail.subject()).isEqualTo("请确认您的电子邮件地址");
        assertThat(mail.text()).contains("欢迎来到 Caddy Shop");
        assertThat(mail.html()).contains("lang=\"zh\"");
        String language = db().withHandle(h -> h.createQuery("SELECT language FROM users WHERE email = 'zhongwen@mail.test'")
                .mapTo(String.class).one());
        assertThat(language).isEqualTo("zh");
    }

    @Test
    void registeringATakenAddressMailsItsOwnerInTheAccountsLanguage() {
        try (Response first = accounts.request("/api/auth/register").header("Accept-Language", "zh")
                .post(Entity.json(Map.of("email", "twice@mail.test", "password", "correct horse battery")))) {
            assertThat(first.getStatus()).isEqualTo(202);
        }
        try (Response second = accounts.register("TWICE@mail.test", "another good password")) {
            assertThat(second.getStatus()).isEqualTo(202);
        }
        List<Message> mails = SMTP.get().awaitMessagesTo("twice@mail.test", 2, BOUND);
        assertThat(mails).extracting(Message::subject).containsExactlyInAnyOrder("请确认您的电子邮件地址", "您已经有一个账户");
        Message notice = mails.stream().filter(m -> m.subject().equals("您已经有一个账户")).findFirst().orElseThrow();
        assertThat(notice.text()).contains("https://shop.caddy.test/reset-password").doesNotContain("token=");
        assertThat(rows("twice@mail.test")).isEqualTo(2);
    }

    @Test
    void orderPlacedAndCancelledMailsCarryTheOrder() {
        TestUser buyer = TestTokens.createVerified(APP, com.caddyshop.accounts.Role.CUSTOMER);
        long product = shop.product("Brass lamp <deluxe>", "19.90", 5);
        long order = shop.order(buyer, product, 2);
        List<Message> placed = SMTP.get().awaitMessagesTo(buyer.email(), 1, BOUND);
        assertThat(placed.get(0).subject()).isEqualTo("Your order " + order);
        assertThat(placed.get(0).text()).contains("2 x Brass lamp <deluxe>  39.80", "Total: 39.80",
                "https://shop.caddy.test/orders/" + order);
        assertThat(placed.get(0).html()).contains("Brass lamp &lt;deluxe&gt;").doesNotContain("<deluxe>");

        try (Response cancel = shop.post("/api/orders/" + order + "/cancel", buyer, null)) {
            assertThat(cancel.getStatus()).isEqualTo(200);
        }
        Message cancelled = SMTP.get().awaitMessagesTo(buyer.email(), 2, BOUND).get(1);
        assertThat(cancelled.subject()).isEqualTo("Your order " + order + " is cancelled");
        assertThat(cancelled.text()).contains("cancelled as requested");
    }

    @Test
    void mailWaitsWhileSmtpIsDownAndIsDeliveredOnceItIsBack() {
        MailCatcher smtp = SMTP.get();
        smtp.stop();
        try {
            try (Response response = accounts.register("outage@mail.test", "correct horse battery")) {
                assertThat(response.getStatus()).isEqualTo(202);
            }
            // At least two failed attempts, the row still queued with the reason: nothing lost, nothing sent.
            Await.until("two failed attempts", BOUND, () -> db().withHandle(h -> h.createQuery("""
                            SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'outage@mail.test' AND status = 'QUEUED'
                              AND attempts >= 2 AND last_error IS NOT NULL""").mapTo(Integer.class).one()) == 1);
            assertThat(smtp.messagesTo("outage@mail.test")).isEmpty();
        } finally {
            smtp.restart();
        }
        assertThat(smtp.awaitMessagesTo("outage@mail.test", 1, BOUND)).hasSize(1);
        awaitStatus("outage@mail.test", "SENT");
        assertThat(smtp.messagesTo("outage@mail.test")).hasSize(1);
    }

    @Test
    void theOutboxIsVisibleInMetrics() {
        String metrics = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus").request()
                .get(String.class);
        assertThat(metrics).contains("caddy_mail_outbox_queued ", "caddy_mail_outbox_failed ",
                "caddy_mail_outbox_oldest_queued_age_seconds ", "caddy_mail_sent_total ", "caddy_mail_send_failures_total ");
    }

    private void awaitStatus(String recipient, String status) {
        Await.until(recipient + "'s mail " + status, BOUND, () -> db().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r AND status = :s")
                .bind("r", recipient).bind("s", status).mapTo(Integer.class).one()) >= 1);
    }

    private int rows(String recipient) {
        return db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r")
                .bind("r", recipient).mapTo(Integer.class).one());
    }

    private Jdbi db() {
        return shop.db();
    }
}
