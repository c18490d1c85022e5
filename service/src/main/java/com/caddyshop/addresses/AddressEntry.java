package com.caddyshop.addresses;

/** One entry of the caller's address book, as the API shows it: its id and the address. */
public record AddressEntry(long id, String name, String phone, String line1, String line2, String city, String region,
                           String postalCode, String country) {

    PostalAddress address() {
        return new PostalAddress(name, phone, line1, line2, city, region, postalCode, country);
    }
}
