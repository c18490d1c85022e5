package com.caddyshop.cart;

import com.caddyshop.catalog.CatalogService;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.db.SqlObjects;
import io.dropwizard.core.setup.Environment;

/** Wires the cart; returns its service because checkout reads and clears the cart in its own transaction. */
public final class CartFeature {
    private CartFeature() {
    }

    public static CartService register(Environment environment, Platform platform, CatalogService catalog) {
        SqlObjects.prepare(platform.jdbi(), CartItemDao.class);
        CartService cart = new CartService(platform.jdbi(), platform.transactions(), catalog);
        environment.jersey().register(new CartResource(cart));
        return cart;
    }
}
