package com.caddyshop.accounts.admin;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * One row of {@code admin_audit}: which admin ({@code actorId}, {@code actorEmail}) did what
 * ({@code action}, {@code from} and {@code to}) to which account, when, from which address, and why
 * if they said.
 */
public record AuditEntry(long id, Instant createdAt, long actorId, String actorEmail, String action, long targetUserId,
                         @ColumnName("old_value") String from, @ColumnName("new_value") String to, String reason,
                         @ColumnName("client_ip") String clientAddress) {
}
