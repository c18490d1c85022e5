package com.caddyshop.orders;

/** Detail of a 409 checkout: units the account already holds in PENDING orders, units asked for, the limit. */
public record PendingUnitsLimit(int held, int requested, int limit) {
}
