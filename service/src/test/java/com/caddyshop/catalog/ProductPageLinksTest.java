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
}
