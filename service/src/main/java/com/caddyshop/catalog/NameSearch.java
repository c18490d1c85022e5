package com.caddyshop.catalog;

import com.caddyshop.platform.db.LikePattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A search text's way into the name index (table {@code product_name_grams}, migration 023): the
 * products whose lower-cased name contains the text, found without scanning the catalogue.
 * <ul>
 *   <li>Three characters or more: the products holding the text's trigrams, one join each on the
 *       index's primary key, so the database starts from the rarest trigram (its own estimate) and
 *       checks the others per candidate. At most {@link #MAX_GRAMS} trigrams, the rarest ones as
 *       {@link SearchPlanner} counts them (spread over the text when no counts are asked for): the LIKE on
 *       the candidates decides the rest.</li>
 *   <li>Two characters: the products having a gram that begins with them (a range of the index; a
 *       name's last two characters are a gram of their own, so the end of a name is found too).</li>
 * </ul>
 * The LIKE on the name ({@link #pattern()}) is always applied too: grams only narrow, the text
 * decides, so a match is exactly "the name contains the text, ignoring case".
 */
record NameSearch(String pattern, List<byte[]> grams, byte[] prefix) {
    static final int MAX_GRAMS = 4;
    private static final int GRAM = 3;

    /** The search with trigrams chosen by their place in the text ({@link SearchPlanner} chooses by rarity). */
    static NameSearch of(String text) {
        List<String> all = trigrams(text);
        if (all.isEmpty()) {
            return new NameSearch(LikePattern.containing(text), List.of(), utf8(text.toLowerCase(Locale.ROOT)));
        }
        List<String> chosen = new ArrayList<>();
        int count = Math.min(MAX_GRAMS, all.size());
        for (int k = 0; k < count; k++) {
            // Evenly spread, first and last included: a text's ends are where it differs from its neighbours.
            int index = count == 1 ? 0 : (int) Math.round(k * (all.size() - 1) / (double) (count - 1));
            chosen.add(all.get(index));
        }
        return narrowedBy(text, chosen);
    }

    /** The search narrowed by these of its trigrams (at least one, at most {@link #MAX_GRAMS}). */
    static NameSearch narrowedBy(String text, List<String> grams) {
        return new NameSearch(LikePattern.containing(text), grams.stream().map(NameSearch::utf8).toList(), null);
    }

    /** The text's distinct trigrams, lower-cased, in their order in the text; none under three characters. */
    static List<String> trigrams(String text) {
        int[] points = text.toLowerCase(Locale.ROOT).codePoints().toArray();
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i + GRAM <= points.length; i++) {
            distinct.add(new String(points, i, GRAM));
        }
        return new ArrayList<>(distinct);
    }

    /**
     * The same search without the name index: the products are read in the sort's own index and each
     * name is checked, which {@link SearchPlanner} chooses when so many names hold the text's trigrams that
     * the search's reach is found sooner that way.
     */
    NameSearch inSortOrder() {
        return new NameSearch(pattern, List.of(), null);
    }

    /** Whether the products are narrowed by the name index ({@link #joins()} is not empty). */
    boolean usesIndex() {
        return !grams.isEmpty() || prefix != null;
    }

    /** The joins that narrow the products to candidates. */
    String joins() {
        if (prefix != null) {
            return " JOIN (SELECT DISTINCT product_id FROM product_name_grams WHERE gram >= :gramFrom AND gram < :gramTo) g"
                    + " ON g.product_id = p.id";
        }
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < grams.size(); i++) {
            joins.append(" JOIN product_name_grams g").append(i).append(" ON g").append(i).append(".product_id = p.id AND g")
                    .append(i).append(".gram = :gram").append(i);
        }
        return joins.toString();
    }

    void bind(Map<String, Object> values) {
        values.put("pattern", pattern);
        if (prefix != null) {
            values.put("gramFrom", prefix);
            // UTF-8 never contains the byte 0xFF, so prefix + 0xFF is above every gram that starts with the prefix.
            byte[] to = Arrays.copyOf(prefix, prefix.length + 1);
            to[prefix.length] = (byte) 0xFF;
            values.put("gramTo", to);
        }
        for (int i = 0; i < grams.size(); i++) {
            values.put("gram" + i, grams.get(i));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
