package com.caddyshop.orders;

import com.caddyshop.cart.CartService;
import com.caddyshop.catalog.CatalogService;
import com.caddyshop.platform.Platform;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;

/** Wires orders: checkout, queries and status changes, and the two counters the dashboards read. */
public final class OrdersFeature {
    private OrdersFeature() {
    }

    public static void register(Environment environment, Platform platform, CatalogService catalog, CartService cart) {
        // Checkout attaches these DAOs to its transaction's handle. Jdbi 3.51 caches a SQL object's
        // metadata in the configuration it was built from, and a handle works on a copy of the Jdbi's
        // configuration: built inside a handle, it is thrown away with the handle and rebuilt on the
        // next (jdbi/jdbi#2991, fixed in later Jdbi). Building it once here, outside any handle, puts
        // it in the Jdbi's own cache, which every later handle copies. No connection is opened.
        platform.jdbi().useExtension(OrderDao.class, dao -> { });
        platform.jdbi().useExtension(IdempotencyDao.class, dao -> { });
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
