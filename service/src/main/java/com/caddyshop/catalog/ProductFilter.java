package com.caddyshop.catalog;

import com.caddyshop.platform.db.LikePattern;
import java.util.HashMap;
import java.util.Map;

/**
 * The joins and WHERE clause of a product list, built only from constant fragments; the values
 * (category slug, search pattern and grams, cursor) are bound separately. The category is matched
 * by its slug in a join (one unique-key lookup the database reads as a constant before planning, so
 * the products are still read in the category's sort index), which spares a round trip to look its
 * id up first. Names are compared lower-cased because TiDB's default utf8mb4
 * collation is binary while MariaDB's is case-insensitive.
 */
record ProductFilter(String category, NameSearch search, ProductSort sort, Long afterId) {

    static ProductFilter of(ProductQuery query) {
        return of(query, query.q() == null ? null : NameSearch.of(query.q()));
    }

    /** The query's list, its text searched as {@link SearchPlanner} planned it. */
    static ProductFilter of(ProductQuery query, NameSearch search) {
        return new ProductFilter(query.category(), search, query.sort(), query.after());
    }

    /** The same products, all of them (the list's total): no cursor. */
    ProductFilter whole() {
        return new ProductFilter(category, search, sort, null);
    }

    /** The same list with the search read another way ({@link SearchPlanner}). */
    ProductFilter withSearch(NameSearch planned) {
        return new ProductFilter(category, planned, sort, afterId);
    }

    /**
     * What follows {@code FROM products p} in a page's query: the sort's index as a hint whenever the page is
     * read in that index (a browse page, a search walked in order), then the joins.
     */
    String joins() {
        // Browse pages: with the page's LIMIT and OFFSET known, MariaDB 10.11 still chose, for some executions
        // of the same prepared statement and not others, a scan and sort of the whole catalogue over reading
        // OFFSET + LIMIT entries of the sort's index: make bench's slow log had 124 such pages (pages 50 to 100
        // of the catalogue, 51,600 rows examined each, 60-340 ms) where the index reads 1,000-2,000 entries.
        // A search walked in order: the planner chose the walk from the names' counts; the database, which
        // cannot tell how many names the LIKE passes, weighs reach rows by index against the whole table and,
        // on a catalogue of a few thousand, scans and sorts it all. (MariaDB: with the hint the table scan
        // counts as very expensive; TiDB: FORCE INDEX is USE INDEX, only that index.) A search narrowed by its
        // trigrams reads the name index first and sorts its candidates: no hint.
        boolean inSortOrder = search == null || !search.usesIndex();
        return (inSortOrder ? " FORCE INDEX (" + sort.index(category != null) + ")" : "") + countJoins();
    }

    /** The joins of the list's COUNT: no hint, the database counts through the narrowest index it has. */
    String countJoins() {
        String categoryJoin = category == null ? "" : " JOIN categories c ON c.id = p.category_id";
        return categoryJoin + (search == null ? "" : search.joins());
    }

    String sql() {
        StringBuilder where = new StringBuilder("p.active = 1");
        if (category != null) {
            where.append(" AND c.slug = :category");
        }
        if (search != null) {
            where.append(" AND LOWER(p.name) LIKE :pattern ESCAPE '").append(LikePattern.ESCAPE).append('\'');
        }
        if (afterId != null) {
            where.append(" AND ").append(sort.seek());
        }
        return where.toString();
    }

    Map<String, Object> values() {
        Map<String, Object> values = new HashMap<>();
        if (category != null) {
            values.put("category", category);
        }
        if (search != null) {
            search.bind(values);
        }
        if (afterId != null) {
            values.put("afterId", afterId);
        }
        return values;
    }
}
