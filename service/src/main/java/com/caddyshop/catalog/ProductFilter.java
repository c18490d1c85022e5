package com.caddyshop.catalog;

import com.caddyshop.platform.db.LikePattern;

/**
 * The WHERE clause of a product list, built only from constant fragments; the values
 * ({@code :categoryId}, {@code :pattern}) are bound separately. Names are compared lower-cased
 * because TiDB's default utf8mb4 collation is binary while MariaDB's is case-insensitive.
 */
record ProductFilter(Long categoryId, String pattern) {

    static ProductFilter of(Long categoryId, String searchText) {
        return new ProductFilter(categoryId, searchText == null ? null : LikePattern.containing(searchText));
    }

    String sql() {
        StringBuilder where = new StringBuilder("p.active = 1");
        if (categoryId != null) {
            where.append(" AND p.category_id = :categoryId");
        }
        if (pattern != null) {
            where.append(" AND LOWER(p.name) LIKE :pattern ESCAPE '").append(LikePattern.ESCAPE).append('\'');
        }
        return where.toString();
    }
}
