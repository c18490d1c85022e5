package com.caddyshop.orders;

import com.caddyshop.cart.CartService;
import com.caddyshop.catalog.CatalogService;
import com.caddyshop.catalog.Inventory;
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

    public static void register(OrderSettings settings, Environment environment, Platform platform,
                                CatalogService catalog, Inventory inventory, CartService cart) {
        SqlObjects.prepare(platform.jdbi(), OrderDao.class, IdempotencyDao.class, OrderRefundDao.class);
        Clock clock = Clock.systemUTC();
        CheckoutService checkout = new CheckoutService(platform.transactions(), catalog, inventory, cart,
                new PendingUnitsCap(settings.getMaxPendingUnits()), new IdempotencyKeys(platform.jdbi(), clock),
                environment.getObjectMapper(), clock,
                environment.metrics().counter("caddy.orders.placed"),
                environment.metrics().counter("caddy.stock.conflicts"));
        OrderQueries queries = new OrderQueries(platform.jdbi());
        OrderTransitions transitions = new OrderTransitions(platform.transactions(), inventory, clock);
        environment.jersey().register(new OrderResource(checkout, queries, transitions));
        environment.jersey().register(new AdminOrderResource(queries, transitions));
        environment.admin().addTask(new ExpireHoldsTask(new HoldExpiry(platform.jdbi(), transitions,
                Duration.ofMillis(settings.getHold().toMilliseconds()), clock,
                environment.metrics().counter("caddy.orders.expired"))));
    }
}
