package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.catalog.CatalogHttp.Reply;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Admin edits that cannot lose each other's work: a product edit names the version it replaces
 * (If-Match, 428 without, 412 when stale) and no longer carries stock, which moves only through stock
 * adjustments, each a row of the inventory ledger that admins can page through.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class ProductEditsIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("catalog_edits").extension();
    static CatalogHttp http;
    static String admin;
    static String otherAdmin;
    static String customer;
    static CatalogTestData data;

    @BeforeAll
    static void setUp() {
        http = new CatalogHttp(APP);
        admin = TestTokens.create(APP, Role.ADMIN).authorization();
        otherAdmin = TestTokens.create(APP, Role.ADMIN).authorization();
        customer = TestTokens.create(APP, Role.CUSTOMER).authorization();
        data = new CatalogTestData(APP);
        data.category("clubs", "Golf clubs", 0);
    }

    private static Map<String, Object> fields(String sku, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categorySlug", "clubs");
        body.put("sku", sku);
        body.put("name", name);
        body.put("price", new BigDecimal("99.00"));
        return body;
    }

    /** A product created through the API with {@code stock} units: its ledger opens with them. */
    private static long created(String sku, int stock) {
        Map<String, Object> body = fields(sku, "Iron " + sku);
        body.put("stock", stock);
        Reply reply = http.post("/api/products", admin, body);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        assertThat(reply.header("ETag")).isEqualTo("\"0\"");
        return reply.body().get("id").asLong();
    }

    private static String etag(long id) {
        Reply read = http.get("/api/admin/products/" + id, admin);
        assertThat(read.status()).isEqualTo(200);
        return read.header("ETag");
    }

    private static Reply adjust(long id, String authorization, Object body) {
        return http.post("/api/admin/products/" + id + "/stock-adjustments", authorization, body);
    }

    private static int ledgerSum(long id) {
        return data.jdbi().withHandle(h -> h.createQuery(
                "SELECT COALESCE(SUM(delta), 0) FROM inventory_ledger WHERE product_id = :id").bind("id", id)
                .mapTo(Integer.class).one());
    }

    @Test
    void anEditWithoutIfMatchIs428AndAStaleOneIs412() {
        long id = created("EDIT-1", 5);
        String seenByBoth = etag(id);

        Reply none = http.put("/api/products/" + id, admin, fields("EDIT-1", "No precondition"));
        assertThat(none.status()).isEqualTo(428);
        assertThat(none.body().get("details").findValuesAsText("field")).containsExactly("If-Match");
        assertThat(http.put("/api/products/" + id, admin, fields("EDIT-1", "Any version"), "*").status())
                .as("* would match any version, so it protects nothing").isEqualTo(428);

        Reply first = http.put("/api/products/" + id, admin, fields("EDIT-1", "First edit"), seenByBoth);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"1\"").isNotEqualTo(seenByBoth);

        // The second admin read the same version: the edit would silently undo the first one.
        Reply stale = http.put("/api/products/" + id, otherAdmin, fields("EDIT-1", "Second edit"), seenByBoth);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("code").asInt()).isEqualTo(412);
        assertThat(stale.body().get("details").get(0).get("message").asText()).contains("\"1\"");
        assertThat(http.put("/api/products/" + id, otherAdmin, fields("EDIT-1", "Weak tag"), "W/\"1\"").status())
                .isEqualTo(412);
        assertThat(http.get("/api/admin/products/" + id, admin).body().get("name").asText()).isEqualTo("First edit");
        assertThat(http.get("/api/products/" + id).body().get("name").asText()).isEqualTo("First edit");

        Reply again = http.put("/api/products/" + id, otherAdmin, fields("EDIT-1", "Second edit"), etag(id));
        assertThat(again.status()).isEqualTo(200);
        assertThat(http.put("/api/products/987654321", admin, fields("NONE-1", "Missing"), "\"0\"").status()).isEqualTo(404);
    }

    @Test
    void stockInAnEditIs422AndAnEditNoLongerOverwritesStock() {
        long id = created("STOCK-1", 10);
        String etag = etag(id);

        Map<String, Object> withStock = fields("STOCK-1", "Renamed");
        withStock.put("stock", 0);
        Reply refused = http.put("/api/products/" + id, admin, withStock, etag);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("details").findValuesAsText("field")).containsExactly("stock");
        assertThat(refused.body().get("details").get(0).get("message").asText()).contains("stock-adjustments");

        // Goods arrive while the admin edits the name: the edit must not put the old stock figure back.
        assertThat(adjust(id, otherAdmin, Map.of("delta", 5, "reason", "delivery 42")).status()).isEqualTo(201);
        Reply renamed = http.put("/api/products/" + id, admin, fields("STOCK-1", "Renamed"), etag);
        assertThat(renamed.status()).as("a stock movement does not make the edit stale").isEqualTo(200);
        assertThat(renamed.body().get("stock").asInt()).isEqualTo(15);
        assertThat(data.stockOf(id)).isEqualTo(15).isEqualTo(ledgerSum(id));
    }

    @Test
    void adjustmentsMoveStockWithinBoundsAndEachIsALedgerRow() {
        long id = created("ADJ-1", 3);
        Reply added = adjust(id, admin, Map.of("delta", 7, "reason", "  goods received  "));
        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
        assertThat(added.body().get("stock").asInt()).isEqualTo(10);
        JsonNode movement = added.body().get("movement");
        assertThat(movement.get("kind").asText()).isEqualTo("ADJUSTMENT");
        assertThat(movement.get("delta").asInt()).isEqualTo(7);
        assertThat(movement.get("reason").asText()).isEqualTo("goods received");
        assertThat(movement.get("actorId").asLong()).isPositive();
        assertThat(http.get("/api/products/" + id).body().get("stock").asInt()).as("the cached copy was dropped").isEqualTo(10);

        Reply tooMuch = adjust(id, admin, Map.of("delta", -11, "reason", "count"));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.body().get("details").get(0).get("stock").asInt()).isEqualTo(10);
        assertThat(adjust(id, admin, Map.of("delta", -10, "reason", "all broken")).body().get("stock").asInt()).isZero();

        assertThat(adjust(id, admin, Map.of("delta", 0, "reason", "nothing")).status()).isEqualTo(422);
        assertThat(adjust(id, admin, Map.of("delta", 1)).body().get("details").findValuesAsText("field")).contains("reason");
        assertThat(adjust(id, admin, Map.of("delta", 1, "reason", "r".repeat(201))).status()).isEqualTo(422);
        assertThat(adjust(id, admin, Map.of("delta", 1_000_000_001, "reason", "too many")).status()).isEqualTo(422);
        assertThat(adjust(id, customer, Map.of("delta", 1, "reason", "mine now")).status()).isEqualTo(403);
        assertThat(adjust(id, null, Map.of("delta", 1, "reason", "anyone")).status()).isEqualTo(401);
        assertThat(adjust(987654321L, admin, Map.of("delta", 1, "reason", "ghost")).status()).isEqualTo(404);
        assertThat(data.stockOf(id)).isZero().isEqualTo(ledgerSum(id));
    }

    @Test
    void theLedgerPagesNewestFirstWithACursor() {
        long id = created("LEDGER-1", 1);
        for (int i = 1; i <= 4; i++) {
            assertThat(adjust(id, admin, Map.of("delta", i, "reason", "delivery " + i)).status()).isEqualTo(201);
        }
        List<String> reasons = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "?size=2" + (cursor == null ? "" : "&cursor=" + cursor);
            Reply page = http.get("/api/admin/products/" + id + "/stock-movements" + query, admin);
            assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
            page.body().get("items").forEach(item -> reasons.add(item.get("kind").asText() + " " + item.get("reason").asText()));
            cursor = page.body().get("next").isNull() ? null : page.body().get("next").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(reasons).containsExactly("ADJUSTMENT delivery 4", "ADJUSTMENT delivery 3", "ADJUSTMENT delivery 2",
                "ADJUSTMENT delivery 1", "OPENING initial stock");
        assertThat(http.get("/api/admin/products/" + id + "/stock-movements?cursor=not-a-cursor", admin).status()).isEqualTo(422);
        assertThat(http.get("/api/admin/products/" + id + "/stock-movements?size=201", admin).status()).isEqualTo(422);
        assertThat(http.get("/api/admin/products/" + id + "/stock-movements", customer).status()).isEqualTo(403);
        assertThat(http.get("/api/admin/products/987654321/stock-movements", admin).status()).isEqualTo(404);
    }
}
