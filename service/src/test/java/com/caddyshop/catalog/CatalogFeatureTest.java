package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import org.junit.jupiter.api.Test;

class CatalogFeatureTest {
    private static String namespaceOf(String url) {
        CaddyShopConfiguration config = new CaddyShopConfiguration();
        config.getDatabase().setUrl(url);
        return CatalogFeature.cacheNamespace(config);
    }

    @Test
    void theCacheNamespaceIsTheDatabaseName() {
        assertThat(namespaceOf("jdbc:mysql://10.0.0.5:4000/caddy_shopping")).isEqualTo("caddy_shopping");
        assertThat(namespaceOf("jdbc:mysql://127.0.0.1:3306/t_catalog_1?sslMode=DISABLED")).isEqualTo("t_catalog_1");
        assertThat(namespaceOf("jdbc:mysql://127.0.0.1:3306/")).isEqualTo("default");
        assertThat(ProductCache.keyPrefix("caddy_shopping")).isEqualTo("caddy:caddy_shopping:catalog:v1:product:");
    }
}
