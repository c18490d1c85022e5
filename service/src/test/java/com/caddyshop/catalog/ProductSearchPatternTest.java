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
        ProductFilter none = ProductFilter.of(null, null);
        assertThat(none.sql()).isEqualTo("p.active = 1");
        ProductFilter both = ProductFilter.of(7L, "x' OR '1'='1");
        assertThat(both.sql()).isEqualTo("p.active = 1 AND p.category_id = :categoryId AND LOWER(p.name) LIKE :pattern ESCAPE '!'");
        assertThat(both.pattern()).isEqualTo("%x' or '1'='1%");
    }
}
