package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which request paths name a single product's cache entry for the rate limiter to fetch along. */
class ProductReadAlongTest {
    @Test
    void aSingleProductPathNamesItsId() {
        assertThat(ProductReadAlong.productId("api/products/42")).isEqualTo(42L);
        assertThat(ProductReadAlong.productId("/api/products/42")).isEqualTo(42L);
        assertThat(ProductReadAlong.productId("api/products/9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void everythingElseNamesNothing() {
        assertThat(ProductReadAlong.productId("api/products")).isNull();
        assertThat(ProductReadAlong.productId("api/products/")).isNull();
        assertThat(ProductReadAlong.productId("api/products/42/image")).isNull();
        assertThat(ProductReadAlong.productId("api/products/-1")).isNull();
        assertThat(ProductReadAlong.productId("api/products/4x2")).isNull();
        assertThat(ProductReadAlong.productId("api/products/9223372036854775808")).as("beyond a long").isNull();
        assertThat(ProductReadAlong.productId("api/products/12345678901234567890")).isNull();
        assertThat(ProductReadAlong.productId("api/categories/42")).isNull();
        assertThat(ProductReadAlong.productId("api/productsx/42")).isNull();
    }
}
