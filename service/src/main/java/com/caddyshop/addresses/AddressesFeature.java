package com.caddyshop.addresses;

import com.caddyshop.platform.Platform;
import com.caddyshop.platform.db.SqlObjects;
import io.dropwizard.core.setup.Environment;

/** Wires the address book; returns it because checkout copies an entry onto the order. */
public final class AddressesFeature {
    private AddressesFeature() {
    }

    public static AddressBook register(Environment environment, Platform platform) {
        SqlObjects.prepare(platform.jdbi(), AddressDao.class);
        AddressBook book = new AddressBook(platform.jdbi());
        environment.jersey().register(new AddressResource(book));
        return book;
    }
}
