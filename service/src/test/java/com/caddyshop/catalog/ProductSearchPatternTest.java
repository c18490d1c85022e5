package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.platform.db.LikePattern;
import org.junit.jupiter.api.Test;

class ProductSearchPatternTest {
    @Test
    void wildcardsAndTheEscapeCharacterAreEscaped() {
        assertThat(LikePattern.containing("100%")).isEqualTo("%100!%%");
        assertThat(LikePattern.containing("a_b")).isEqualTo("%a!_b%");
        assertThat(LikePattern.containing("wow!")).isEqualTo("%wow!!%");
        assertThat(LikePattern.startingWith("Ada_L%")).isEqualTo("ada!_l!%%");
        assertThat(LikePattern.containing("back\\slash")).as("not special with ESCAPE '!'").isEqualTo("%back\\slash%");
        assertThat(LikePattern.containing("Red CAP")).isEqualTo("%red cap%");
    }

    @Test
    void theFilterContainsOnlyPlaceholdersNeverValues() {
        ProductFilter none = ProductFilter.of(new ProductQuery(1, 20, null, null, ProductSort.NEWEST));
        assertThat(none.sql()).isEqualTo("p.active = 1");
        assertThat(none.joins()).as("a browse page names its sort's index").isEqualTo(" FORCE INDEX (idx_products_order_created)");
        assertThat(none.countJoins()).isEmpty();
        ProductFilter both = ProductFilter.of(new ProductQuery(1, 20, "o'brien", "x' OR '1'='1", ProductSort.NEWEST));
        assertThat(both.sql()).isEqualTo("p.active = 1 AND c.slug = :category AND LOWER(p.name) LIKE :pattern ESCAPE '!'");
        assertThat(both.joins()).doesNotContain("'").contains(":gram0").contains(":gram3").doesNotContain(":gram4");
        assertThat(both.values()).containsEntry("pattern", "%x' or '1'='1%").containsEntry("category", "o'brien");
        ProductFilter seek = ProductFilter.of(new ProductQuery(200, 20, null, null, ProductSort.PRICE, 42L));
        String key = "(SELECT k.price FROM products k WHERE k.id = :afterId)";
        assertThat(seek.sql()).isEqualTo("p.active = 1 AND (p.price >= " + key + " AND (p.price > " + key + " OR p.id > :afterId))");
        assertThat(seek.values()).containsOnly(java.util.Map.entry("afterId", 42L));
        assertThat(seek.whole().sql()).as("the total counts the whole list").isEqualTo("p.active = 1");
    }

    @Test
    void aSearchNarrowsByAtMostFourTrigramsOrATwoCharacterPrefix() {
        NameSearch word = NameSearch.of("Driver");
        assertThat(word.grams()).extracting(String::new).containsExactly("dri", "riv", "ive", "ver");
        NameSearch longer = NameSearch.of("Tour Driver 123");
        assertThat(longer.grams()).hasSize(NameSearch.MAX_GRAMS);
        assertThat(new String(longer.grams().get(0))).isEqualTo("tou");
        assertThat(new String(longer.grams().get(NameSearch.MAX_GRAMS - 1))).as("both ends").isEqualTo("123");
        NameSearch two = NameSearch.of("Ab");
        assertThat(two.grams()).isEmpty();
        assertThat(new String(two.prefix())).isEqualTo("ab");
        assertThat(two.joins()).contains(":gramFrom").contains(":gramTo");
        NameSearch repeated = NameSearch.of("aaaa");
        assertThat(repeated.grams()).extracting(String::new).as("distinct trigrams").containsExactly("aaa");
    }
}
