package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.platform.db.DatabaseNamespace;
import org.junit.jupiter.api.Test;

/** Cached products are keyed by the database they come from (Platform#databaseNamespace). */
class CacheNamespaceTest {
    @Test
    void theCacheNamespaceIsTheDatabaseName() {
        assertThat(DatabaseNamespace.of("jdbc:mysql://10.0.0.5:4000/caddy_shopping")).isEqualTo("caddy_shopping");
        assertThat(DatabaseNamespace.of("jdbc:mysql://127.0.0.1:3306/t_catalog_1?sslMode=DISABLED")).isEqualTo("t_catalog_1");
        assertThat(DatabaseNamespace.of("jdbc:mysql://127.0.0.1:3306/")).isEqualTo("default");
        assertThat(ProductCache.keyPrefix("caddy_shopping")).isEqualTo("caddy:caddy_shopping:catalog:v1:product:");
    }
}
