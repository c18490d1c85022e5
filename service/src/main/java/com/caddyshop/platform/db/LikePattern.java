package com.caddyshop.platform.db;

import java.util.Locale;

/**
 * Turns a search text into a LIKE pattern that matches it literally (anywhere in a name, or at the
 * start of an e-mail address).
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
        return literal(new StringBuilder(text.length() + 8).append('%'), text).append('%').toString();
    }

    /** {@code <escaped lower-case text>%}: a prefix, which an index on the column can serve. */
    public static String startingWith(String text) {
        return literal(new StringBuilder(text.length() + 8), text).append('%').toString();
    }

    private static StringBuilder literal(StringBuilder pattern, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                pattern.append(ESCAPE);
            }
            pattern.append(c);
        }
        return pattern;
    }
}
