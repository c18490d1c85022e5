package com.caddyshop.catalog;

import java.util.Locale;

/**
 * Turns a search text into a LIKE pattern that matches it literally anywhere in a name.
 * The escape character is {@code !} rather than the backslash: a backslash means different things
 * in SQL string literals depending on the server's sql_mode, {@code !} means the same everywhere.
 * A backslash in the text then needs no escaping at all: LIKE treats it as an ordinary character.
 */
public final class LikePattern {
    public static final char ESCAPE = '!';

    private LikePattern() {
    }

    /** {@code %<escaped lower-case text>%}, for {@code LOWER(column) LIKE :pattern ESCAPE '!'}. */
    public static String containing(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder pattern = new StringBuilder(lower.length() + 8).append('%');
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                pattern.append(ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
