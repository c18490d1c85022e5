package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchPlannerTest {
    private static final int REACH = ProductQuery.MAX_SEARCH_PAGE * ProductQuery.DEFAULT_SIZE;

    @Test
    void aWordThousandsOfNamesHoldIsWalkedInOrder() {
        // The bench's "fairway": 6,167 of 50,110 names, four trigrams.
        assertThat(SearchPlanner.walkIsCheaper(6_167, 4, REACH, 50_110)).isTrue();
        assertThat(SearchPlanner.walkIsCheaper(50_110, 1, REACH, 50_110)).as("every name").isTrue();
    }

    @Test
    void aRareTextKeepsTheNameIndex() {
        assertThat(SearchPlanner.walkIsCheaper(2_000, 4, REACH, 50_110)).isFalse();
        assertThat(SearchPlanner.walkIsCheaper(200, 1, REACH, 50_110)).isFalse();
        // The bench's "bag" (5,010 names, one trigram) and "tour" (3,850, two): the index was as fast or faster.
        assertThat(SearchPlanner.walkIsCheaper(5_010, 1, REACH, 50_110)).isFalse();
        assertThat(SearchPlanner.walkIsCheaper(3_850, 2, REACH, 50_110)).isFalse();
        assertThat(SearchPlanner.walkIsCheaper(0, 4, REACH, 50_110)).as("no name holds a trigram").isFalse();
        assertThat(SearchPlanner.walkIsCheaper(0, 4, REACH, 0)).as("an empty catalogue").isFalse();
    }

    @Test
    void aLargerReachNeedsACommonerWord() {
        assertThat(SearchPlanner.walkIsCheaper(3_850, 4, REACH, 50_110)).isTrue();
        assertThat(SearchPlanner.walkIsCheaper(3_850, 4, ProductQuery.MAX_SEARCH_PAGE * ProductQuery.MAX_SIZE, 50_110)).isFalse();
    }
}
