package com.caddyshop.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * The orders a product list can have. Each ends with the id so that equal prices, names or times
 * still page deterministically; the id runs in the same direction so an index on (column, id)
 * serves both. The SQL text is a constant: it is spliced into the query, so it must never come from input.
 */
public enum ProductSort {
    PRICE("price", "p.price ASC, p.id ASC"),
    PRICE_DESC("-price", "p.price DESC, p.id DESC"),
    NEWEST("newest", "p.created_at DESC, p.id DESC"),
    NAME("name", "p.name ASC, p.id ASC");

    public static final ProductSort DEFAULT = NEWEST;

    private final String parameter;
    private final String orderBy;

    ProductSort(String parameter, String orderBy) {
        this.parameter = parameter;
        this.orderBy = orderBy;
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
