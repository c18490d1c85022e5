package com.caddyshop.platform.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Environment variables carry lists as "a,b,c"; YAML may carry them as real lists. Both are accepted. */
public final class CommaList {
    private CommaList() {
    }

    public static List<String> parse(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                out.addAll(parse(item));
            }
            return out;
        }
        for (String part : value.toString().split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }
}
