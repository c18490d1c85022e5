package com.caddyshop.orders;

import com.caddyshop.cart.CartService;
import com.caddyshop.catalog.CatalogService;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.db.SqlObjects;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;

/** Wires orders: checkout, queries and status changes, and the two counters the dashboards read. */
public final class OrdersFeature {
    private OrdersFeature() {
    }

    public static void register(Environment environment, Platform platform, CatalogService catalog, CartService cart) {
        SqlObjects.prepare(platform.jdbi(), OrderDao.class, IdempotencyDao.class);
        Clock clock = Clock.systemUTC();
        CheckoutService checkout = new CheckoutService(platform.transactions(), catalog, cart,
                new IdempotencyKeys(platform.jdbi(), clock), environment.getObjectMapper(), clock,
                environment.metrics().counter("caddy.orders.placed"),
                environment.metrics().counter("caddy.stock.conflicts"));
        OrderQueries queries = new OrderQueries(platform.jdbi());
        OrderTransitions transitions = new OrderTransitions(platform.transactions(), catalog, clock);
        environment.jersey().register(new OrderResource(checkout, queries, transitions));
        environment.jersey().register(new AdminOrderResource(queries, transitions));
    }
}
