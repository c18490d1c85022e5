package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which raw request paths are a single product (and which id) or the product list, before Jersey matches them. */
class ProductPathsTest {
    @Test
    void aSingleProductPathNamesItsId() {
        assertThat(ProductPaths.productId("api/products/42")).isEqualTo(42L);
        assertThat(ProductPaths.productId("/api/products/42")).isEqualTo(42L);
        assertThat(ProductPaths.productId("api/products/9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void everythingElseNamesNothing() {
        assertThat(ProductPaths.productId("api/products")).isNull();
        assertThat(ProductPaths.productId("api/products/")).isNull();
        assertThat(ProductPaths.productId("api/products/42/image")).isNull();
        assertThat(ProductPaths.productId("api/products/-1")).isNull();
        assertThat(ProductPaths.productId("api/products/4x2")).isNull();
        assertThat(ProductPaths.productId("api/products/9223372036854775808")).as("beyond a long").isNull();
        assertThat(ProductPaths.productId("api/products/12345678901234567890")).isNull();
        assertThat(ProductPaths.productId("api/categories/42")).isNull();
        assertThat(ProductPaths.productId("api/productsx/42")).isNull();
    }

    @Test
    void onlyTheListPathIsTheList() {
        assertThat(ProductPaths.isList("api/products")).isTrue();
        assertThat(ProductPaths.isList("/api/products")).isTrue();
        assertThat(ProductPaths.isList("api/products/")).isFalse();
        assertThat(ProductPaths.isList("api/products/42")).isFalse();
        assertThat(ProductPaths.isList("api/productsx")).isFalse();
    }
}
