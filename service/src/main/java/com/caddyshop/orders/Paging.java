package com.caddyshop.orders;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated page request: {@code page} from 1, {@code size} 1..{@value #MAX_SIZE}, defaults 1 and
 * {@value #DEFAULT_SIZE}, as the product list has them. Parameters arrive as text so that "abc" is a
 * 422 naming the parameter, like any other invalid value, rather than Jersey's bare 404.
 */
record Paging(int page, int size) {
    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    static Paging of(String page, String size) {
        List<FieldProblem> problems = new ArrayList<>();
        int p = parse("page", page, 1, 1, Integer.MAX_VALUE, problems);
        int s = parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE, problems);
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("Validation failed", problems);
        }
        return new Paging(p, s);
    }

    long offset() {
        return (long) (page - 1) * size;
    }

    private static int parse(String name, String text, int fallback, int min, int max, List<FieldProblem> problems) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below like an out-of-range value
        }
        problems.add(new FieldProblem(name, max == Integer.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
