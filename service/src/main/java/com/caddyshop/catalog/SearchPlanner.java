package com.caddyshop.catalog;

import com.codahale.metrics.Counter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Chooses how a search reads its matches; both ways give the same answer, they differ in what they read.
 * <ul>
 *   <li>Through the name index ({@link NameSearch#joins()}): every product holding the rarest of the
 *       text's trigrams is looked up, checked for the other trigrams and the text, and all of them are
 *       sorted. Cheap for a rare text; for a common one it is spent in full even for page 1.</li>
 *   <li>In the sort's own index ({@link NameSearch#inSortOrder()}): products are read in display order
 *       and each name is checked, until the search's reach (the matches its pages can show, and one more)
 *       is found, about {@code reach x active / matches} rows, none sorted.</li>
 * </ul>
 * Measured on the bench's catalogue (50,000 products, MariaDB 10.11, newest first, median of 3): "fairway"
 * (6,167 names, 4 trigrams) took 62 ms through the index and 15 ms walked (8,100 rows); "bag" (5,010
 * names, 1 trigram) 12.5 and 13.4 ms; "tour" (3,850 names, 2 trigrams, 13,000 rows to walk) 14 and 38 ms.
 * A candidate costs the index about as much as a walked row for its first trigram and twice that for
 * each further one, hence {@link #walkIsCheaper}. The decision takes the rarest of all the text's
 * trigrams, and the index then joins the rarest four: chosen by their place in the text, the four of
 * "titan golf" were all common, so the walk was chosen and read all 50,110 products for no match, while
 * the trigram across the space, "n g", is held by no name. A text whose every trigram is common and that
 * still matches few names remains the walk's worst case: it reads its list to the end, as many rows as a
 * common word costs the index.
 *
 * <p>The counts it decides by (entries per trigram, active products) are read from the database and
 * kept for {@link #COUNTS_TTL} on this node: they choose the plan, never the answer, so a stale count
 * costs time, not correctness, and the few thousand trigrams a shop's names have are soon all known.
 */
final class SearchPlanner {
    static final Duration COUNTS_TTL = Duration.ofMinutes(10);
    private static final int MAX_COUNTS = 100_000;
    /** The key of the active products' count: no trigram is empty. */
    private static final String ACTIVE_PRODUCTS = "";

    private final Cache<String, Long> counts = Caffeine.newBuilder().maximumSize(MAX_COUNTS)
            .expireAfterWrite(COUNTS_TTL).build();
    private final Counter narrowed;
    private final Counter walked;

    /**
     * @param narrowed counts searches read through the name index
     * @param walked counts searches walked in the sort's index: operators see how often the costlier
     *     worst case (a common text that few names hold) can occur
     */
    SearchPlanner(Counter narrowed, Counter walked) {
        this.narrowed = narrowed;
        this.walked = walked;
    }

    /**
     * The search to run for {@code text}, up to {@code reach} matches, counts read on {@code handle} when not
     * known yet: narrowed by its rarest trigrams (any of them, so a pair of common words that no name holds
     * side by side is narrowed by the trigram across the space), or walked in order when even the rarest is
     * so common that the walk is cheaper.
     */
    NameSearch plan(Handle handle, String text, int reach) {
        List<String> trigrams = NameSearch.trigrams(text);
        if (trigrams.isEmpty()) {
            return NameSearch.of(text);
        }
        List<String> keys = new ArrayList<>(trigrams);
        keys.add(ACTIVE_PRODUCTS);
        Map<String, Long> known = counts.getAll(keys, missing -> load(handle, missing));
        List<String> rarest = trigrams.stream().sorted(Comparator.comparingLong(known::get)).limit(NameSearch.MAX_GRAMS)
                .toList();
        NameSearch search = NameSearch.narrowedBy(text, rarest);
        if (walkIsCheaper(known.get(rarest.get(0)), rarest.size(), reach, known.get(ACTIVE_PRODUCTS))) {
            walked.inc();
            return search.inSortOrder();
        }
        narrowed.inc();
        return search;
    }

    /**
     * The index's cost ({@code candidates x (2 x grams - 1)} row reads, every candidate taken as a match)
     * against the walk's best case ({@code (reach + 1) x active / candidates} rows).
     */
    static boolean walkIsCheaper(long candidates, int grams, int reach, long active) {
        return (double) candidates * candidates * (2 * grams - 1) > (double) (reach + 1) * active;
    }

    private static Map<String, Long> load(Handle handle, Set<? extends String> missing) {
        ProductListDao dao = handle.attach(ProductListDao.class);
        Map<String, Long> loaded = new HashMap<>();
        List<byte[]> grams = new ArrayList<>();
        for (String key : missing) {
            if (key.equals(ACTIVE_PRODUCTS)) {
                loaded.put(key, dao.activeProducts());
            } else {
                // A trigram no name holds has no row in the answer: none.
                loaded.put(key, 0L);
                grams.add(key.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!grams.isEmpty()) {
            dao.gramEntries(grams).forEach(row -> loaded.put(text(row.gram()), row.entries()));
        }
        return loaded;
    }

    private static String text(byte[] gram) {
        return new String(gram, StandardCharsets.UTF_8);
    }
}
