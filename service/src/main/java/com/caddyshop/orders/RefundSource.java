package com.caddyshop.orders;

/** Who gave the money back: an admin of the shop, or the payment provider (a signed webhook event). */
public enum RefundSource {
    ADMIN,
    PROVIDER
}
