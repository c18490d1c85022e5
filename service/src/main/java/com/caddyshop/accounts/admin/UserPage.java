package com.caddyshop.accounts.admin;

import java.util.List;

/** One page of {@code GET /api/admin/users}; {@code next} is the {@code after} of the next page, null on the last. */
public record UserPage(List<AdminUserView> items, String next) {
}
