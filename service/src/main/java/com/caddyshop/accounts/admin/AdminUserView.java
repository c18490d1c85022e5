package com.caddyshop.accounts.admin;

import com.caddyshop.accounts.Role;
import com.caddyshop.accounts.UserRecord;
import java.time.Instant;

/** An account as admins see it: never its password hash. */
public record AdminUserView(long id, String email, Role role, String status, Instant createdAt) {

    static AdminUserView of(UserRecord user) {
        return new AdminUserView(user.id(), user.email(), user.role(), user.status(), user.createdAt());
    }
}
