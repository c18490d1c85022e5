package com.caddyshop.accounts.admin;

import com.caddyshop.accounts.AccessRevocation;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.db.SqlObjects;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;

/** Wires account management for admins: the user directory, status and role changes, the audit log. */
public final class AdminUsersFeature {
    private AdminUsersFeature() {
    }

    public static void register(Environment environment, Platform platform, AccessRevocation revocation, Clock clock) {
        SqlObjects.prepare(platform.jdbi(), UserDirectoryDao.class, AuditDao.class);
        AdminUserService users = new AdminUserService(platform.transactions(), revocation, clock);
        environment.jersey().register(new AdminUserResource(users));
        environment.jersey().register(new AdminAuditResource(users));
    }
}
