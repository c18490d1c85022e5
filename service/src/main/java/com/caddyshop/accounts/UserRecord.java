package com.caddyshop.accounts;

import java.time.Instant;

/**
 * A {@code users} row as the accounts feature reads it; only {@link UserView} goes to clients.
 * {@code emailVerified}: the address was confirmed through the verification mail (it never goes back).
 */
public record UserRecord(long id, String email, String passwordHash, Role role, String status, Instant createdAt,
                         long tokenGeneration, boolean emailVerified) {
    public static final String ACTIVE = "ACTIVE";
    public static final String DISABLED = "DISABLED";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
