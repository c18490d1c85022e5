package com.caddyshop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RefusedUpdates;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A mail is part of its event's transaction: when the event rolls back after its mail was queued, the mail
 * goes with it, so no customer is told about an order that does not exist.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class MailRollbackIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP =
            TestApp.onSharedServers("mail_rollback").extension();

    private final TestShop shop = new TestShop(APP);

    @Test
    void aCheckoutThatFailsAfterQueueingItsMailLeavesNoMail() {
        // The checkout's last statement records the Idempotency-Key's response, after the order mail was
        // queued: the database refuses it for these keys.
        RefusedUpdates.of(shop.db(), "idempotency_keys", "NEW.idempotency_key LIKE 'fail-after-mail-%'");
        TestUser buyer = TestTokens.createVerified(APP, Role.CUSTOMER);
        long product = shop.product("Rollback kettle", "12.50", 3);
        shop.putItem(buyer, product, 2);

        TestShop.expectError(500, checkout(buyer, "fail-after-mail-1"));
        assertThat(mailsTo(buyer)).as("the order mail rolled back with the order").isZero();
        assertThat(ordersOf(buyer)).isZero();
        assertThat(shop.stock(product)).isEqualTo(3);

        // The same cart with a key the trigger lets through commits, mail and all: the zero above is not vacuous.
        TestShop.expect(201, checkout(buyer, "commits-1"));
        assertThat(mailsTo(buyer)).isEqualTo(1);
        assertThat(ordersOf(buyer)).isEqualTo(1);
        assertThat(shop.stock(product)).isEqualTo(1);
    }

    private Response checkout(TestUser buyer, String idempotencyKey) {
        return shop.request("/api/orders", buyer).header("Idempotency-Key", idempotencyKey)
                .post(Entity.json(TestShop.CHECKOUT));
    }

    private int mailsTo(TestUser user) {
        return shop.db().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r AND kind = 'ORDER_PLACED'")
                .bind("r", user.email()).mapTo(Integer.class).one());
    }

    private int ordersOf(TestUser user) {
        return shop.db().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM orders WHERE user_id = :id")
                .bind("id", user.id()).mapTo(Integer.class).one());
    }
}
