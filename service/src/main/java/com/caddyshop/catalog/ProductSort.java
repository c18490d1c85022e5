package com.caddyshop.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * The orders a product list can have. Each ends with the id so that equal prices, names or times
 * still page deterministically; the id runs in the same direction so an index on (column, id)
 * serves both, for the first pages (read in index order) and for a keyset seek past a product
 * ({@link #seek()}). The SQL text is a constant: it is spliced into the query, so it must never come from input.
 */
public enum ProductSort {
    PRICE("price", "p.price", "ASC", ">", "price"),
    PRICE_DESC("-price", "p.price", "DESC", "<", "price"),
    NEWEST("newest", "p.created_at", "DESC", "<", "created"),
    NAME("name", "p.name", "ASC", ">", "name");

    public static final ProductSort DEFAULT = NEWEST;

    private final String parameter;
    private final String column;
    private final String orderBy;
    private final String seek;
    private final String indexSuffix;

    ProductSort(String parameter, String column, String direction, String beyond, String indexSuffix) {
        this.parameter = parameter;
        this.indexSuffix = indexSuffix;
        this.column = column;
        this.orderBy = column + " " + direction + ", p.id " + direction;
        // The textbook keyset seek: one index range (column >= key, or <= key) whose first entries are
        // checked for ties, rather than the two ranges of "a > x OR (a = x AND id > y)"; a row
        // comparison ((a, b) > (x, y)) is no range at all on MariaDB. ProductListExplainIT counts the
        // index entries a cursor page reads.
        // The cursor product's value comes from a scalar subquery by primary key rather than from a
        // query of its own: one round trip per deep page instead of two. Both databases evaluate it
        // once, before planning (MariaDB: a subquery that reads one row by key is cheap enough to run
        // during optimization, so the range above is still an index range; TiDB evaluates every
        // uncorrelated comparison subquery in its optimization phase), and the value is the column's
        // own, so a time keeps its milliseconds, which a bound value sent by Connector/J would not
        // (see StoredTimes). A product that does not exist gives NULL, so an empty page.
        String within = beyond.equals(">") ? ">=" : "<=";
        String key = "(SELECT k." + column.substring("p.".length()) + " FROM products k WHERE k.id = :afterId)";
        this.seek = "(" + column + " " + within + " " + key + " AND (" + column + " " + beyond + " " + key + " OR p.id "
                + beyond + " :afterId))";
    }

    /** The products after the cursor's product ({@code :afterId}, active or not) in this order. */
    String seek() {
        return seek;
    }

    /** The index that holds the products in this order (migration 030's for the catalogue, 022's in a category). */
    String index(boolean inCategory) {
        return (inCategory ? "idx_products_category_" : "idx_products_order_") + indexSuffix;
    }

    public String parameter() {
        return parameter;
    }

    String orderBy() {
        return orderBy;
    }

    public static Optional<ProductSort> fromParameter(String value) {
        return Arrays.stream(values()).filter(sort -> sort.parameter.equals(value)).findFirst();
    }
}
