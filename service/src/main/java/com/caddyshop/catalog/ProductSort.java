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
    PRICE("price", "p.price", "ASC", ">"),
    PRICE_DESC("-price", "p.price", "DESC", "<"),
    NEWEST("newest", "p.created_at", "DESC", "<"),
    NAME("name", "p.name", "ASC", ">");

    public static final ProductSort DEFAULT = NEWEST;

    private final String parameter;
    private final String column;
    private final String orderBy;
    private final String seek;

    ProductSort(String parameter, String column, String direction, String beyond) {
        this.parameter = parameter;
        this.column = column;
        this.orderBy = column + " " + direction + ", p.id " + direction;
        // The textbook keyset seek: one index range (column >= key, or <= key) whose first entries are
        // checked for ties, rather than the two ranges of "a > x OR (a = x AND id > y)"; a row
        // comparison ((a, b) > (x, y)) is no range at all on MariaDB. ProductListExplainIT counts the
        // index entries a cursor page reads.
        String within = beyond.equals(">") ? ">=" : "<=";
        this.seek = "(" + column + " " + within + " :afterKey AND (" + column + " " + beyond + " :afterKey OR p.id "
                + beyond + " :afterId))";
    }

    /** The products after the cursor's product ({@code :afterKey}, {@code :afterId}) in this order. */
    String seek() {
        return seek;
    }

    /** The cursor product's value of this sort's column. */
    Object keyOf(SortKey key) {
        return switch (column) {
            case "p.price" -> key.price();
            case "p.created_at" -> key.createdAt();
            default -> key.name();
        };
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
