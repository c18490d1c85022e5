package com.caddyshop.accounts;

/** What an account may do: shop, or also manage the catalog and orders. */
public enum Role {
    CUSTOMER,
    ADMIN
}
