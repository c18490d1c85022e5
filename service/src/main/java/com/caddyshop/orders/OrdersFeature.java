package com.caddyshop.orders;

import com.caddyshop.accounts.VerifiedEmailRequirement;
import com.caddyshop.addresses.AddressBook;
import com.caddyshop.cart.CartService;
import com.caddyshop.catalog.CatalogService;
import com.caddyshop.catalog.Inventory;
import com.caddyshop.mail.MailFeature;
import com.caddyshop.mail.MailRecipients;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.config.OrderSettings;
import com.caddyshop.platform.db.SqlObjects;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires orders: checkout, queries, status changes, the expire-holds task, and the counters the
 * dashboards read.
 */
public final class OrdersFeature {
    private OrdersFeature() {
    }

    /** @return what payments apply the provider's reports through */
    public static OrderPayments register(OrderSettings settings, Environment environment, Platform platform,
                                CatalogService catalog, Inventory inventory, CartService cart, MailFeature mail,
                                MailRecipients recipients, VerifiedEmailRequirement verifiedEmail,
                                AddressBook addresses) {
        SqlObjects.prepare(platform.jdbi(), OrderDao.class, OrderPlacementDao.class, IdempotencyDao.class, OrderRefundDao.class);
        Clock clock = Clock.systemUTC();
        Duration hold = Duration.ofMillis(settings.getHold().toMilliseconds());
        OrderMails mails = new OrderMails(mail.outbox(), recipients, mail.linkBaseUrl(), hold);
        CheckoutService checkout = new CheckoutService(platform.transactions(), verifiedEmail, catalog, inventory, cart,
                new PendingUnitsCap(settings.getMaxPendingUnits()), new IdempotencyKeys(platform.jdbi(), clock), mails,
                new ShippingAddresses(addresses), environment.getObjectMapper(), clock,
                environment.metrics().counter("caddy.orders.placed"),
                environment.metrics().counter("caddy.stock.conflicts"));
        OrderQueries queries = new OrderQueries(platform.jdbi());
        OrderTransitions transitions = new OrderTransitions(platform.transactions(), inventory, mails, clock);
        environment.jersey().register(new OrderResource(checkout, queries, transitions));
        environment.jersey().register(new AdminOrderResource(queries, transitions));
        environment.admin().addTask(new ExpireHoldsTask(new HoldExpiry(platform.jdbi(), transitions,
                hold, clock,
                environment.metrics().counter("caddy.orders.expired"))));
        return new OrderPayments(transitions, mails, clock);
    }
}
