package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.catalog.CatalogHttp.Reply;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A search's total is counted up to what its pages reach (page {@link ProductQuery#MAX_SEARCH_PAGE}
 * at the asked size): exact below, and marked as not exact when more products match.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class ProductSearchTotalIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("search_total").extension();
    static final int TEES = 60;
    static CatalogHttp http;

    @BeforeAll
    static void seed() {
        http = new CatalogHttp(APP);
        CatalogTestData data = new CatalogTestData(APP);
        long tees = data.category("tees", "Tees", 1);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 1; i <= TEES; i++) {
            data.product(tees, "TEE-" + i, "Wooden Tee " + i, (i % 7) + ".50", 5, t0.plusSeconds(i));
        }
        data.product(tees, "MARKER-1", "Ball marker", "3.00", 5, t0);
    }


    @Test
    void aSearchWithinItsReachIsCountedExactly() {
        Reply reply = http.get("/api/products?q=wooden%20tee&size=2");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("total").asLong()).isEqualTo(TEES);
        assertThat(reply.body().get("totalExact").asBoolean()).isTrue();

        Reply some = http.get("/api/products?q=tee%205");
        assertThat(some.body().get("total").asLong()).as("Tee 5 and Tee 50..59").isEqualTo(11);
        assertThat(some.body().get("totalExact").asBoolean()).isTrue();
        assertThat(http.get("/api/products").body().get("totalExact").asBoolean()).as("a browse list").isTrue();
    }

    @Test
    void aSearchBeyondItsReachStopsCountingAtItsLastPage() {
        Reply first = http.get("/api/products?q=wooden%20tee&size=1&sort=price");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("total").asLong()).isEqualTo(ProductQuery.MAX_SEARCH_PAGE);
        assertThat(first.body().get("totalExact").asBoolean()).isFalse();
        assertThat(first.body().at("/links/next").asText()).isEqualTo("/api/products?page=2&size=1&q=wooden%20tee&sort=price");

        Reply last = http.get("/api/products?q=wooden%20tee&size=1&sort=price&page=" + ProductQuery.MAX_SEARCH_PAGE);
        assertThat(last.body().at("/links/next").isNull()).as("no link to a page that would be refused").isTrue();
        assertThat(last.body().get("totalExact").asBoolean()).isFalse();

        // Each page is the slice of the whole ordered answer, whichever page the database was asked for.
        List<Long> all = http.get("/api/products?q=wooden%20tee&size=100&sort=price").productIds();
        assertThat(all).hasSize(TEES);
        for (int page : new int[] {1, 2, 17, ProductQuery.MAX_SEARCH_PAGE}) {
            assertThat(http.get("/api/products?q=wooden%20tee&size=1&sort=price&page=" + page).productIds()).as("page %d", page)
                    .containsExactly(all.get(page - 1));
        }
    }
}
