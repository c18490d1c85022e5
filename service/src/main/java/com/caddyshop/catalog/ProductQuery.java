package com.caddyshop.catalog;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated product list request. Query parameters arrive as text and are checked here so that
 * every problem (not a number, out of range, unknown sort) is a 422 naming the parameter, like a
 * body that fails Bean Validation; JAX-RS would answer a non-numeric {@code int} parameter with 404.
 *
 * <p>{@code after} is the keyset cursor of deep pages: the id of the last product of the previous
 * page, so the page starts right after that product in the chosen order (a seek in the sort's
 * index, whatever the depth). With it {@code page} is only the page's number for its links.
 */
public record ProductQuery(int page, int size, String category, String q, ProductSort sort, Long after) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /**
     * The deepest page served by its number (an OFFSET that grows with it); deeper pages are reached
     * with {@code after}, as the {@code next} links give it.
     */
    public static final int MAX_PAGE = 100;
    /** The page number a cursor page may carry (only for its links). */
    public static final int MAX_CURSOR_PAGE = 1_000_000;
    public static final int MAX_TEXT = 100;
    /** A search scans product names: one or two characters match most of the catalogue and say little. */
    public static final int MIN_SEARCH = 2;
    /** Searching deep pages is scraping, not shopping: a search that needs them should be narrowed instead. */
    public static final int MAX_SEARCH_PAGE = 50;

    /** A query by page number (no cursor). */
    public ProductQuery(int page, int size, String category, String q, ProductSort sort) {
        this(page, size, category, q, sort, null);
    }

    /** Rows skipped before the page: none for a cursor page, which seeks instead. */
    public long offset() {
        return after != null ? 0 : (long) (page - 1) * size;
    }

    public static ProductQuery parse(String page, String size, String category, String q, String sort) {
        return parse(page, size, category, q, sort, null);
    }

    public static ProductQuery parse(String page, String size, String category, String q, String sort, String after) {
        List<FieldProblem> problems = new ArrayList<>();
        Long cursor = null;
        if (after != null && !after.isEmpty()) {
            cursor = productId(after, problems);
            if (q != null && !q.isBlank()) {
                problems.add(new FieldProblem("after", "is for browsing; a search pages by number (page)"));
            }
        }
        int pageNumber = cursor == null ? integer("page", page, 1, 1, MAX_PAGE, problems, "; deeper pages: follow the next link (after)")
                : integer("page", page, 1, 1, MAX_CURSOR_PAGE, problems);
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
        return new ProductQuery(pageNumber, pageSize, slug, search, order, cursor);
    }

    private static int integer(String name, String value, int fallback, int min, int max, List<FieldProblem> problems) {
        return integer(name, value, fallback, min, max, problems, "");
    }

    private static int integer(String name, String value, int fallback, int min, int max, List<FieldProblem> problems,
                               String hint) {
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
        problems.add(new FieldProblem(name, "must be an integer between " + min + " and " + max + hint));
        return fallback;
    }

    /** A product id (on TiDB ids are AUTO_RANDOM and use all 63 bits). */
    private static Long productId(String value, List<FieldProblem> problems) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(new FieldProblem("after", "must be a product id (a positive integer)"));
        return null;
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
