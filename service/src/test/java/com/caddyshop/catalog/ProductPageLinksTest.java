package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProductPageLinksTest {
    @Test
    void middlePageHasAllLinksWithFiltersEncoded() {
        ProductQuery query = new ProductQuery(2, 10, "golf balls", "100% a&b", ProductSort.PRICE);
        ProductPage.Links links = PageLinks.of("/api/products", query, 35);
        assertThat(links.self()).isEqualTo("/api/products?page=2&size=10&category=golf%20balls&q=100%25%20a%26b&sort=price");
        assertThat(links.next()).startsWith("/api/products?page=3&");
        assertThat(links.prev()).startsWith("/api/products?page=1&");
        assertThat(links.first()).startsWith("/api/products?page=1&");
    }

    @Test
    void edges() {
        ProductPage.Links only = PageLinks.of("/p", new ProductQuery(1, 10, null, null, ProductSort.NEWEST), 0);
        assertThat(only.next()).isNull();
        assertThat(only.prev()).isNull();
        ProductPage.Links last = PageLinks.of("/p", new ProductQuery(4, 10, null, null, ProductSort.NEWEST), 35);
        assertThat(last.next()).isNull();
        assertThat(last.prev()).isEqualTo("/p?page=3&size=10&sort=newest");
        ProductPage.Links beyond = PageLinks.of("/p", new ProductQuery(9, 10, null, null, ProductSort.NAME), 35);
        assertThat(beyond.next()).isNull();
        assertThat(beyond.prev()).as("back to the last page that exists").isEqualTo("/p?page=4&size=10&sort=name");
    }

    @Test
    void beyondThePageLimitTheNextLinkCarriesACursor() {
        ProductQuery last = new ProductQuery(ProductQuery.MAX_PAGE, 10, "balls", null, ProductSort.PRICE);
        ProductPage.Links atLimit = PageLinks.of("/p", last, 5000, 77L, 10);
        assertThat(atLimit.next()).isEqualTo("/p?page=" + (ProductQuery.MAX_PAGE + 1) + "&size=10&category=balls&sort=price&after=77");
        ProductQuery cursor = new ProductQuery(ProductQuery.MAX_PAGE + 1, 10, "balls", null, ProductSort.PRICE, 77L);
        ProductPage.Links deeper = PageLinks.of("/p", cursor, 5000, 88L, 10);
        assertThat(deeper.self()).endsWith("&after=77");
        assertThat(deeper.next()).endsWith("page=" + (ProductQuery.MAX_PAGE + 2) + "&size=10&category=balls&sort=price&after=88");
        assertThat(deeper.prev()).as("page 100 by number").isEqualTo("/p?page=" + ProductQuery.MAX_PAGE + "&size=10&category=balls&sort=price");
        assertThat(PageLinks.of("/p", new ProductQuery(300, 10, null, null, ProductSort.PRICE, 5L), 5000, 6L, 10).prev()).isNull();
        assertThat(PageLinks.of("/p", cursor, 5000, null, 0).next()).as("an empty page has no cursor").isNull();
        assertThat(PageLinks.of("/p", cursor, 5000, 88L, 3).next()).as("a short cursor page is the last").isNull();
    }
}
