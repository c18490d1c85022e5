package com.caddyshop.accounts.admin;

import java.util.List;

/** One page of {@code GET /api/admin/audit}, newest first; {@code next} is the {@code after} of the next page, null on the last. */
public record AuditPage(List<AuditEntry> items, String next) {
}
