package com.caddyshop.cart;

import com.caddyshop.catalog.CatalogService;
import com.caddyshop.platform.Platform;
import io.dropwizard.core.setup.Environment;

/** Wires the cart; returns its service because checkout reads and clears the cart in its own transaction. */
public final class CartFeature {
    private CartFeature() {
    }

    public static CartService register(Environment environment, Platform platform, CatalogService catalog) {
        // Cart and checkout attach this DAO to transaction handles: build its Jdbi metadata once in the
        // Jdbi's own cache so handles do not rebuild it (see OrdersFeature, jdbi/jdbi#2991).
        platform.jdbi().useExtension(CartItemDao.class, dao -> { });
        CartService cart = new CartService(platform.jdbi(), platform.transactions(), catalog);
        environment.jersey().register(new CartResource(cart));
        return cart;
    }
}
