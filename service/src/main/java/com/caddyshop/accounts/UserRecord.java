package com.caddyshop.accounts;

import java.time.Instant;

/** A {@code users} row as the accounts feature reads it; only {@link UserView} goes to clients. */
public record UserRecord(long id, String email, String passwordHash, Role role, String status, Instant createdAt,
                         long tokenGeneration) {
    public static final String ACTIVE = "ACTIVE";
    public static final String DISABLED = "DISABLED";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
