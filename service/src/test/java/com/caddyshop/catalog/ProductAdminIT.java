package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.catalog.CatalogHttp.Reply;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admin product management through HTTP: roles, validation, conflicts, create/update/delete. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class ProductAdminIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("catalog_admin").extension();
    static CatalogHttp http;
    static String admin;
    static String customer;
    static long existing;

    @BeforeAll
    static void setUp() {
        http = new CatalogHttp(APP);
        admin = TestTokens.create(APP, Role.ADMIN).authorization();
        customer = TestTokens.create(APP, Role.CUSTOMER).authorization();
        CatalogTestData data = new CatalogTestData(APP);
        long clubs = data.category("clubs", "Golf clubs", 0);
        data.category("bags", "Bags", 1);
        existing = data.product(clubs, "CLUB-1", "Driver", "199.00", 4, Instant.now());
    }

    private static Map<String, Object> input(String sku) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categorySlug", "clubs");
        body.put("sku", sku);
        body.put("name", "Putter " + sku);
        body.put("description", "A putter");
        body.put("price", new BigDecimal("49.90"));
        body.put("stock", 12);
        return body;
    }

    @Test
    void adminEndpointsNeedATokenAndTheAdminRole() {
        String one = "/api/products/" + existing;
        Reply[] anonymous = {
            http.post("/api/products", null, input("ANON-1")),
            http.put(one, null, input("ANON-1")),
            http.delete(one, null),
            http.upload(one + "/images", null, "a.png", "image/png", CatalogImages.png()),
        };
        for (Reply reply : anonymous) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body().get("code").asInt()).isEqualTo(401);
        }
        Reply[] customers = {
            http.post("/api/products", customer, input("CUST-1")),
            http.put(one, customer, input("CUST-1")),
            http.delete(one, customer),
            http.upload(one + "/images", customer, "a.png", "image/png", CatalogImages.png()),
        };
        for (Reply reply : customers) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.body().get("code").asInt()).isEqualTo(403);
        }
        assertThat(http.get(one).body().get("sku").asText()).as("nothing changed").isEqualTo("CLUB-1");
    }

    @Test
    void createReturns201WithLocationAndTheStoredProduct() {
        Reply created = http.post("/api/products", admin, input("PUTT-1"));
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/products/" + id);
        assertThat(created.body().get("price").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(created.raw().body()).contains("\"price\":49.90");
        assertThat(created.body().get("categorySlug").asText()).isEqualTo("clubs");
        assertThat(created.body().get("imageUrl").isNull()).isTrue();
        Reply read = http.get("/api/products/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("name").asText()).isEqualTo("Putter PUTT-1");
    }

    @Test
    void aProductLookedUpBeforeItExistedIsVisibleOnceCreated() {
        long next = http.post("/api/products", admin, input("PROBE-1")).body().get("id").asLong() + 1;
        assertThat(http.get("/api/products/" + next).status()).isEqualTo(404);
        assertThat(http.get("/api/products/" + next).status()).as("cached as missing").isEqualTo(404);
        Reply created = http.post("/api/products", admin, input("PROBE-2"));
        assertThat(created.body().get("id").asLong()).isEqualTo(next);
        assertThat(http.get("/api/products/" + next).status()).isEqualTo(200);
    }

    @Test
    void invalidBodiesAre422WithFieldNames() {
        Map<String, Object> body = input("bad sku!");
        body.put("name", "");
        body.put("price", new BigDecimal("-1"));
        body.put("stock", -1);
        Reply reply = http.post("/api/products", admin, body);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body().get("details").findValuesAsText("field")).contains("sku", "name", "price", "stock");

        Map<String, Object> threeDecimals = input("DEC-1");
        threeDecimals.put("price", new BigDecimal("1.234"));
        Reply decimals = http.post("/api/products", admin, threeDecimals);
        assertThat(decimals.status()).isEqualTo(422);
        assertThat(decimals.body().get("details").findValuesAsText("field")).containsExactly("price");

        Map<String, Object> longName = input("LONG-1");
        longName.put("name", "n".repeat(201));
        assertThat(http.post("/api/products", admin, longName).status()).isEqualTo(422);

        Map<String, Object> noCategory = input("CAT-1");
        noCategory.put("categorySlug", "no-such-category");
        Reply unknown = http.post("/api/products", admin, noCategory);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("details").findValuesAsText("field")).containsExactly("categorySlug");

        assertThat(http.postRaw("/api/products", admin, "{\"name\": ").status()).isEqualTo(400);
        assertThat(http.postRaw("/api/products", admin, "").status()).isEqualTo(422);
    }

    @Test
    void aDuplicateSkuIs409() {
        Reply reply = http.post("/api/products", admin, input("CLUB-1"));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body().get("code").asInt()).isEqualTo(409);
        assertThat(reply.body().get("details").findValuesAsText("field")).containsExactly("sku");
        long other = http.post("/api/products", admin, input("OTHER-1")).body().get("id").asLong();
        assertThat(http.replace("/api/products/" + other, admin, input("CLUB-1")).status()).isEqualTo(409);
    }

    @Test
    void anUpdateIsVisibleOnTheNextRead() {
        long id = http.post("/api/products", admin, input("UPD-1")).body().get("id").asLong();
        assertThat(http.get("/api/products/" + id).body().get("price").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(http.get("/api/products/" + id).status()).as("now cached").isEqualTo(200);

        Map<String, Object> changed = input("UPD-1");
        changed.put("price", new BigDecimal("39"));
        changed.put("categorySlug", "bags");
        changed.put("name", "Renamed");
        Reply updated = http.replace("/api/products/" + id, admin, changed);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.raw().body()).contains("\"price\":39.00");

        Reply read = http.get("/api/products/" + id);
        assertThat(read.body().get("name").asText()).isEqualTo("Renamed");
        assertThat(read.body().get("categorySlug").asText()).isEqualTo("bags");
        assertThat(read.body().get("price").decimalValue()).isEqualByComparingTo("39.00");
        assertThat(http.replace("/api/products/987654321", admin, changed).status()).isEqualTo(404);
    }

    @Test
    void deleteHidesTheProductEverywhere() {
        long id = http.post("/api/products", admin, input("DEL-1")).body().get("id").asLong();
        assertThat(http.get("/api/products/" + id).status()).isEqualTo(200);
        Reply deleted = http.delete("/api/products/" + id, admin);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(http.get("/api/products/" + id).status()).isEqualTo(404);
        assertThat(http.get("/api/products?q=DEL-1").body().get("total").asLong()).isZero();
        assertThat(http.delete("/api/products/" + id, admin).status()).isEqualTo(404);
        assertThat(http.replace("/api/products/" + id, admin, input("DEL-1")).status()).isEqualTo(404);
    }
}
