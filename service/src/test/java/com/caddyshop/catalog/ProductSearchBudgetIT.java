package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.catalog.CatalogHttp.Reply;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisServer;
import com.caddyshop.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A search costs a budget of its own on top of the API's; browsing does not touch it. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class ProductSearchBudgetIT {
    static final int SEARCH_LIMIT = 3;
    /** Budgets are counted per address, and every test client is 127.0.0.1: a Redis of this class alone. */
    static final Supplier<RedisServer> REDIS = TestApp.memoize(RedisServer::start);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("search_budget")
            .redis(() -> REDIS.get().port())
            .set("throttler.searchLimit", () -> String.valueOf(SEARCH_LIMIT))
            .set("throttler.searchTtlSeconds", () -> "300")
            .extension();

    @Test
    void searchesAreLimitedOnTheirOwnAndBrowsingGoesOn() {
        CatalogHttp http = new CatalogHttp(APP);
        for (int i = 0; i < SEARCH_LIMIT; i++) {
            Reply search = http.get("/api/products?q=budget-" + i);
            assertThat(search.status()).isEqualTo(200);
        }
        Reply refused = http.get("/api/products?q=budget-more");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 300L);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(SEARCH_LIMIT));
        assertThat(refused.body().get("code").asInt()).isEqualTo(429);

        assertThat(http.get("/api/products?size=5").status()).as("browsing").isEqualTo(200);
        assertThat(http.get("/api/categories").status()).isEqualTo(200);
        assertThat(http.get("/api/products?q=x").status()).as("an invalid search costs nothing but its 422").isEqualTo(422);
    }
}
