package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import org.junit.jupiter.api.Test;

class ProductQueryTest {
    @Test
    void defaults() {
        ProductQuery query = ProductQuery.parse(null, null, null, null, null);
        assertThat(query).isEqualTo(new ProductQuery(1, 20, null, null, ProductSort.NEWEST));
        assertThat(query.offset()).isZero();
    }

    @Test
    void valuesAreParsedAndTrimmed() {
        ProductQuery query = ProductQuery.parse("3", "100", " shoes ", "  red cap ", "-price");
        assertThat(query).isEqualTo(new ProductQuery(3, 100, "shoes", "red cap", ProductSort.PRICE_DESC));
        assertThat(query.offset()).isEqualTo(200);
        assertThat(ProductQuery.parse("", "", " ", " ", "").q()).isNull();
    }

    @Test
    void everyProblemIsReportedWithItsParameterName() {
        assertThatThrownBy(() -> ProductQuery.parse("0", "101", "c".repeat(101), "q".repeat(101), "cheap"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.details()).extracting(p -> ((FieldProblem) p).field())
                            .containsExactly("page", "size", "category", "q", "sort");
                });
        assertThatThrownBy(() -> ProductQuery.parse("x", "1.5", null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details()).hasSize(2));
        assertThatThrownBy(() -> ProductQuery.parse(String.valueOf(ProductQuery.MAX_PAGE + 1), null, null, null, null))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void aCursorAllowsDeepPageNumbersButNotASearch() {
        ProductQuery deep = ProductQuery.parse("5000", "20", null, null, "price", "123456789012");
        assertThat(deep.after()).isEqualTo(123456789012L);
        assertThat(deep.page()).isEqualTo(5000);
        assertThat(deep.offset()).as("a cursor page seeks instead of skipping").isZero();
        assertThatThrownBy(() -> ProductQuery.parse(null, null, null, "ball", null, "12"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .extracting(p -> ((FieldProblem) p).field()).containsExactly("after"));
        assertThatThrownBy(() -> ProductQuery.parse(null, null, null, null, null, "-1")).isInstanceOf(ApiException.class);
        assertThat(ProductQuery.parse("3", null, null, null, null, "").after()).isNull();
    }

    @Test
    void aSearchNeedsTwoCharactersAndStopsEarlierThanBrowsing() {
        assertThatThrownBy(() -> ProductQuery.parse(null, null, null, " x ", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .extracting(p -> ((FieldProblem) p).field()).containsExactly("q"));
        assertThatThrownBy(() -> ProductQuery.parse(null, null, null, "\uD83C\uDFCC", null))
                .as("one character, though two chars in Java").isInstanceOf(ApiException.class);
        assertThat(ProductQuery.parse(String.valueOf(ProductQuery.MAX_SEARCH_PAGE), null, null, "ball", null).page())
                .isEqualTo(ProductQuery.MAX_SEARCH_PAGE);
        assertThatThrownBy(() -> ProductQuery.parse(String.valueOf(ProductQuery.MAX_SEARCH_PAGE + 1), null, null, "ball", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .extracting(p -> ((FieldProblem) p).field()).containsExactly("page"));
        assertThat(ProductQuery.MAX_SEARCH_PAGE).isLessThan(ProductQuery.MAX_PAGE);
    }

    @Test
    void everySortHasAnIdTieBreakerInItsOwnDirection() {
        for (ProductSort sort : ProductSort.values()) {
            assertThat(sort.orderBy()).matches(".*p\\.id (ASC|DESC)$");
            String direction = sort.orderBy().substring(sort.orderBy().lastIndexOf(' ') + 1);
            assertThat(sort.orderBy().split(",")[0]).endsWith(direction);
            assertThat(ProductSort.fromParameter(sort.parameter())).contains(sort);
        }
        assertThat(ProductSort.fromParameter("p.price; DROP TABLE products")).isEmpty();
    }
}
