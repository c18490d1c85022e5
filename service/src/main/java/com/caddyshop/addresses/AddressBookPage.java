package com.caddyshop.addresses;

import java.util.List;

/** The whole address book (it is capped, so it needs no paging) and how many entries it may hold. */
public record AddressBookPage(List<AddressEntry> items, int limit) {
}
