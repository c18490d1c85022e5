package com.caddyshop.accounts.admin;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The query parameters of the admin lists, checked so that each problem is a 422 naming its
 * parameter (JAX-RS would answer "abc" for a number with a bare 404). Collects every problem, then
 * {@link #validated} throws them together.
 */
final class ListParameters {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final int MAX_SEARCH = 254;

    private final List<FieldProblem> problems = new ArrayList<>();

    int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        Long parsed = number("limit", value);
        if (parsed != null && (parsed < 1 || parsed > MAX_LIMIT)) {
            problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        }
        return parsed == null ? DEFAULT_LIMIT : parsed.intValue();
    }

    /** An id (a cursor, a user), or null when absent. */
    Long id(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Long parsed = number(name, value);
        if (parsed != null && parsed < 1) {
            problems.add(new FieldProblem(name, "must be a positive whole number"));
        }
        return parsed;
    }

    /** One of {@code allowed} (any case), upper-cased; null when absent. */
    String oneOf(String name, String value, Set<String> allowed) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            problems.add(new FieldProblem(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
        }
        return upper;
    }

    /** Search text, trimmed; null when blank. */
    String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_SEARCH) {
            problems.add(new FieldProblem(name, "must be at most " + MAX_SEARCH + " characters"));
        }
        return trimmed;
    }

    void validated() {
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("Invalid query parameters", problems);
        }
    }

    private Long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            problems.add(new FieldProblem(name, "must be a whole number"));
            return null;
        }
    }
}
