package com.caddyshop.catalog;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated product list request. Query parameters arrive as text and are checked here so that
 * every problem (not a number, out of range, unknown sort) is a 422 naming the parameter, like a
 * body that fails Bean Validation; JAX-RS would answer a non-numeric {@code int} parameter with 404.
 */
public record ProductQuery(int page, int size, String category, String q, ProductSort sort) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Deep pages cost an OFFSET scan; beyond this a client should narrow its search instead. */
    public static final int MAX_PAGE = 10_000;
    public static final int MAX_TEXT = 100;
    /** A search scans product names: one or two characters match most of the catalogue and say little. */
    public static final int MIN_SEARCH = 2;
    /** Searching deep pages is scraping, not shopping: a search that needs them should be narrowed instead. */
    public static final int MAX_SEARCH_PAGE = 50;

    public long offset() {
        return (long) (page - 1) * size;
    }

    public static ProductQuery parse(String page, String size, String category, String q, String sort) {
        List<FieldProblem> problems = new ArrayList<>();
        int pageNumber = integer("page", page, 1, 1, MAX_PAGE, problems);
        int pageSize = integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE, problems);
        String slug = text("category", category, problems);
        String search = text("q", q, problems);
        if (search != null && search.codePointCount(0, search.length()) < MIN_SEARCH) {
            problems.add(new FieldProblem("q", "must be at least " + MIN_SEARCH + " characters"));
        }
        if (search != null && pageNumber > MAX_SEARCH_PAGE) {
            problems.add(new FieldProblem("page", "must be at most " + MAX_SEARCH_PAGE + " when searching (q); narrow the search"));
        }
        ProductSort order = ProductSort.DEFAULT;
        if (sort != null && !sort.isEmpty()) {
            order = ProductSort.fromParameter(sort).orElse(null);
            if (order == null) {
                problems.add(new FieldProblem("sort", "must be one of price, -price, newest, name"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("Invalid query parameters", problems);
        }
        return new ProductQuery(pageNumber, pageSize, slug, search, order);
    }

    private static int integer(String name, String value, int fallback, int min, int max, List<FieldProblem> problems) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the range
        }
        problems.add(new FieldProblem(name, "must be an integer between " + min + " and " + max));
        return fallback;
    }

    /** Blank means "no filter"; surrounding spaces are not part of a search. */
    private static String text(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_TEXT) {
            problems.add(new FieldProblem(name, "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        return trimmed;
    }
}
