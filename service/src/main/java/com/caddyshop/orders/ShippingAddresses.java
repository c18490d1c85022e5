package com.caddyshop.orders;

import com.caddyshop.addresses.AddressBook;
import com.caddyshop.addresses.PostalAddress;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Where a checkout ships: the inline address, or a copy of an entry of the caller's address book. */
final class ShippingAddresses {
    private final AddressBook book;

    ShippingAddresses(AddressBook book) {
        this.book = book;
    }

    /** Refuses a request naming no address or two, before any statement runs. */
    static void requireOne(CheckoutRequest request) {
        if ((request.shippingAddress() == null) == (request.addressId() == null)) {
            throw ApiException.unprocessable("Validation failed", List.of(new FieldProblem("shippingAddress",
                    "give exactly one of shippingAddress (inline) and addressId (an entry of your address book)")));
        }
    }

    /** The address to copy onto the order; an entry is read in the checkout's transaction. */
    PostalAddress resolve(Handle tx, long userId, CheckoutRequest request) {
        if (request.shippingAddress() != null) {
            return request.shippingAddress();
        }
        return book.find(tx, userId, request.addressId()).orElseThrow(() -> ApiException.unprocessable(
                "Validation failed", List.of(new FieldProblem("addressId", "is not an entry of your address book"))));
    }
}
