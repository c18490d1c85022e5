package com.caddyshop.accounts.admin;

import com.caddyshop.platform.db.LikePattern;

/**
 * The WHERE clause of {@code GET /api/admin/users}, built only from constant fragments; the values
 * are bound separately. E-mail addresses are stored lower-cased, so a lower-cased prefix finds them
 * through the unique index on {@code email}, and the pages are keyset pages in e-mail order: the
 * next one starts after the e-mail of the account the last one ended with ({@code after}, its id).
 */
record UserFilter(String emailPattern, String role, String status, Long after) {

    static UserFilter of(String emailPrefix, String role, String status, Long after) {
        return new UserFilter(emailPrefix == null ? null : LikePattern.startingWith(emailPrefix), role, status, after);
    }

    String sql() {
        StringBuilder where = new StringBuilder("1 = 1");
        if (emailPattern != null) {
            where.append(" AND email LIKE :emailPattern ESCAPE '").append(LikePattern.ESCAPE).append('\'');
        }
        if (role != null) {
            where.append(" AND role = :role");
        }
        if (status != null) {
            where.append(" AND status = :status");
        }
        if (after != null) {
            where.append(" AND email > (SELECT a.email FROM users a WHERE a.id = :after)");
        }
        return where.toString();
    }
}
