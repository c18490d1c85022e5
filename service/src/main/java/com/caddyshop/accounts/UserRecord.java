package com.caddyshop.accounts;

import java.time.Instant;

/** A {@code users} row as the accounts feature reads it; only {@link UserView} goes to clients. */
public record UserRecord(long id, String email, String passwordHash, Role role, String status, Instant createdAt) {
    static final String ACTIVE = "ACTIVE";

    boolean isActive() {
        return ACTIVE.equals(status);
    }
}
