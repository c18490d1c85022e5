package com.caddyshop.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Test data and HTTP helpers for the cart and order tests. Products are written with SQL straight
 * into the test's database, so a test states exactly the stock and price it needs; changes that the
 * catalog's cache must notice (deactivation) go through the catalog's admin API.
 */
public final class TestShop {
    /** A valid shipping address, as a client sends it inline or stores it in the address book. */
    public static final String ADDRESS = """
            {"name": "Ada Lovelace", "phone": "+44 20 7946 0000", "line1": "12 St James's Square", "city": "London",
             "postalCode": "SW1Y 4JH", "country": "GB"}""";
    /** The smallest checkout body: the address inline. */
    public static final String CHECKOUT = "{\"shippingAddress\": " + ADDRESS + "}";

    /** A checkout body with the address inline and the total the client expects. */
    public static String checkoutExpecting(String expectedTotal) {
        return "{\"expectedTotal\": " + expectedTotal + ", \"shippingAddress\": " + ADDRESS + "}";
    }
    private final DropwizardAppExtension<CaddyShopConfiguration> app;
    private final AtomicLong skus = new AtomicLong();
    private Jdbi jdbi;

    public TestShop(DropwizardAppExtension<CaddyShopConfiguration> app) {
        this.app = app;
    }

    /** Direct database access, for set-up and for checking what the service wrote. */
    public synchronized Jdbi db() {
        if (jdbi == null) {
            var database = app.getConfiguration().getDatabase();
            jdbi = Jdbi.create(database.getUrl(), database.getUser(), database.getPassword());
        }
        return jdbi;
    }

    public long product(String name, String price, int stock) {
        String sku = "SKU-" + skus.incrementAndGet();
        return db().withHandle(h -> {
            h.execute("INSERT IGNORE INTO categories (slug, name) VALUES ('test-goods', 'Test goods')");
            long category = h.createQuery("SELECT id FROM categories WHERE slug = 'test-goods'").mapTo(Long.class).one();
            long id = h.createUpdate("""
                            INSERT INTO products (category_id, sku, name, price, stock)
                            VALUES (:category, :sku, :name, :price, :stock)""")
                    .bind("category", category).bind("sku", sku).bind("name", name)
                    .bind("price", new BigDecimal(price)).bind("stock", stock)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            if (stock > 0) {
                // As the service would have recorded it: stock is always the sum of the product's ledger.
                h.createUpdate("INSERT INTO inventory_ledger (product_id, delta, kind) VALUES (:id, :stock, 'OPENING')")
                        .bind("id", id).bind("stock", stock).execute();
            }
            return id;
        });
    }

    /** Through the catalog's admin API, so its product cache forgets the product as it would in production. */
    public void deactivate(long productId) {
        TestUser admin = TestTokens.create(app, Role.ADMIN);
        try (Response response = request("/api/products/" + productId, admin).delete()) {
            assertThat(response.getStatus()).isEqualTo(204);
        }
    }

    /**
     * Marks the account's address verified, as opening its verification link does, for tests that register
     * through HTTP and then check out (CheckoutVerifiedEmailIT follows the real link instead).
     */
    public void markEmailVerified(String email) {
        int marked = db().withHandle(h -> h.createUpdate("UPDATE users SET email_verified_at = NOW(3) WHERE email = :email")
                .bind("email", email.toLowerCase(java.util.Locale.ROOT)).execute());
        assertThat(marked).as("an account for " + email).isEqualTo(1);
    }

    /** The sum of the product's inventory ledger, which must always equal its stock. */
    public int ledgerSum(long productId) {
        return db().withHandle(h -> h.createQuery(
                        "SELECT COALESCE(SUM(delta), 0) FROM inventory_ledger WHERE product_id = :id")
                .bind("id", productId).mapTo(Integer.class).one());
    }

    public int stock(long productId) {
        return db().withHandle(h -> h.createQuery("SELECT stock FROM products WHERE id = :id")
                .bind("id", productId).mapTo(Integer.class).one());
    }

    public Invocation.Builder request(String path, TestUser user) {
        var builder = app.client().target("http://127.0.0.1:" + app.getLocalPort() + path)
                .request(MediaType.APPLICATION_JSON_TYPE);
        return user == null ? builder : builder.header("Authorization", user.authorization());
    }

    public Response put(String path, TestUser user, String json) {
        return request(path, user).put(Entity.json(json));
    }

    public Response post(String path, TestUser user, String json) {
        return request(path, user).post(json == null ? Entity.json("") : Entity.json(json));
    }

    /** Places an order of {@code quantity} units of a product (through the cart) and returns the order's id. */
    public long order(TestUser user, long productId, int quantity) {
        putItem(user, productId, quantity);
        return expect(201, post("/api/orders", user, CHECKOUT)).get("id").asLong();
    }

    public JsonNode putItem(TestUser user, long productId, int quantity) {
        return expect(200, put("/api/cart/items/" + productId, user, "{\"quantity\": " + quantity + "}"));
    }

    /** Reads the body after checking the status (printing the body when it is not the expected one). */
    public static JsonNode expect(int status, Response response) {
        try (response) {
            String body = response.readEntity(String.class);
            assertThat(response.getStatus()).as("status of a response with body %s", body).isEqualTo(status);
            return body.isEmpty() ? null : Json.parse(body);
        }
    }

    /** An error in the one shape: {@code code} equal to the status, a message, a details array. */
    public static JsonNode expectError(int status, Response response) {
        JsonNode body = expect(status, response);
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("details").isArray()).isTrue();
        return body;
    }

    /** Decimals read as BigDecimal with the scale they were sent with, so "8.00" is not read as "8". */
    public static final class Json {
        private static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

        private Json() {
        }

        public static JsonNode parse(String text) {
            try {
                return MAPPER.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }
}
