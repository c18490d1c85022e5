package com.caddyshop.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.accounts.auth.RefreshTokens;
import com.caddyshop.cart.TestShop;
import com.caddyshop.platform.api.OpenApiDocument.Operation;
import com.caddyshop.testing.PaymentProvider;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The document against real answers: one journey calls every documented operation, and each
 * response's status must be one the document lists for that operation and its body must conform
 * to the schema documented for that status (no missing required field, no undocumented field,
 * the right JSON types). OpenApiDocumentIT compares the document with the code's structure; this
 * compares it with what clients actually receive.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class OpenApiResponsesIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("openapi-responses").extension();
    private static final long MISSING = 999_999_999L;

    private final OpenApiDocument document = OpenApiDocument.fromSource(APP.getObjectMapper());
    private final SchemaConformance conformance = new SchemaConformance(document);
    private final Map<String, Operation> operations = document.operations().stream()
            .collect(Collectors.toMap(Operation::key, Function.identity()));
    private final Set<String> called = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

    @Test
    void everyOperationAnswersAsDocumented() throws Exception {
        TestShop shop = new TestShop(APP);
        long seeded = shop.product("Seeded ball", "4.50", 5);
        TestUser admin = TestTokens.create(APP, Role.ADMIN);

        for (String check : List.of("", "/status", "/database", "/redis")) {
            call("GET", "/health" + check, "/health" + check, null, null, 200);
        }
        call("GET", "/api/openapi.json", "/api/openapi.json", null, null, 200);

        call("GET", "/api/categories", "/api/categories", null, null, 200);
        call("GET", "/api/products", "/api/products?size=5&sort=price&q=ball", null, null, 200);
        call("GET", "/api/products", "/api/products?size=0", null, null, 422);
        call("GET", "/api/products/{id}", "/api/products/" + seeded, null, null, 200);
        call("GET", "/api/products/{id}", "/api/products/" + MISSING, null, null, 404);

        String sku = "OA-" + UUID.randomUUID().toString().substring(0, 8);
        String product = "{\"categorySlug\":\"test-goods\",\"sku\":\"" + sku
                + "\",\"name\":\"Documented ball\",\"description\":null,\"price\":12.30,\"stock\":7}";
        long id = call("POST", "/api/products", "/api/products", admin, Entity.json(product), 201).get("id").asLong();
        call("POST", "/api/products", "/api/products", admin, Entity.json(product), 409);
        call("GET", "/api/admin/products/{id}", "/api/admin/products/" + id, admin, null, 200);
        call("GET", "/api/admin/products/{id}", "/api/admin/products/" + MISSING, admin, null, 404);
        String replacement = product.replace(",\"stock\":7", "").replace("12.30", "13.00");
        call("PUT", "/api/products/{id}", "/api/products/" + id, admin, Entity.json(replacement), 428);
        call("PUT", "/api/products/{id}", "/api/products/" + id, admin, Entity.json(product), 422, Map.of("If-Match", "\"0\""));
        call("PUT", "/api/products/{id}", "/api/products/" + id, admin, Entity.json(replacement), 200, Map.of("If-Match", "\"0\""));
        call("PUT", "/api/products/{id}", "/api/products/" + id, admin, Entity.json(replacement), 412, Map.of("If-Match", "\"0\""));
        String adjustments = "/api/admin/products/" + id + "/stock-adjustments";
        call("POST", "/api/admin/products/{id}/stock-adjustments", adjustments, admin,
                Entity.json("{\"delta\":3,\"reason\":\"delivery\"}"), 201);
        call("POST", "/api/admin/products/{id}/stock-adjustments", adjustments, admin,
                Entity.json("{\"delta\":-100,\"reason\":\"count\"}"), 409);
        call("POST", "/api/admin/products/{id}/stock-adjustments", adjustments, admin, Entity.json("{\"delta\":1}"), 422);
        String movements = "/api/admin/products/" + id + "/stock-movements";
        String next = call("GET", "/api/admin/products/{id}/stock-movements", movements + "?size=1", admin, null, 200)
                .get("next").asText();
        call("GET", "/api/admin/products/{id}/stock-movements", movements + "?size=1&cursor=" + next, admin, null, 200);
        call("GET", "/api/admin/products/{id}/stock-movements", movements + "?cursor=bogus", admin, null, 422);
        String boundary = "openapi-" + UUID.randomUUID();
        JsonNode withImage = call("POST", "/api/products/{id}/images", "/api/products/" + id + "/images", admin,
                Entity.entity(multipart(boundary, png()), "multipart/form-data; boundary=" + boundary), 201);
        call("GET", "/uploads/{name}", withImage.get("imageUrl").asText(), null, null, 200);
        call("GET", "/uploads/{name}", "/uploads/no-such-image.png", null, null, 404);

        String email = "openapi-" + UUID.randomUUID() + "@example.com";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
        call("POST", "/api/auth/register", "/api/auth/register", null,
                Entity.json(credentials.replace("}", ",\"displayName\":\"Ann\"}")), 202);
        call("POST", "/api/auth/register", "/api/auth/register", null, Entity.json(credentials), 202);
        call("POST", "/api/auth/register", "/api/auth/register", null, Entity.json("{\"email\":\"no-domain\"}"), 422);
        call("POST", "/api/auth/register", "/api/auth/register", null, Entity.json("{\"email\":"), 400);
        JsonNode login = call("POST", "/api/auth/login", "/api/auth/login", null, Entity.json(credentials), 200);
        call("POST", "/api/auth/login", "/api/auth/login", null, Entity.json(credentials.replace("horse", "mule")), 401);
        JsonNode tokens = call("POST", "/api/auth/refresh", "/api/auth/refresh", null,
                Entity.json("{\"refreshToken\":\"" + login.get("refreshToken").asText() + "\"}"), 200);
        TestUser customer = new TestUser(0, email, Role.CUSTOMER, tokens.get("accessToken").asText());
        call("GET", "/api/users/me", "/api/users/me", customer, null, 200);
        call("PUT", "/api/users/me/profile", "/api/users/me/profile", customer,
                Entity.json("{\"displayName\":\"Ann\",\"country\":\"FR\",\"city\":\"Lyon\"}"), 200);

        call("GET", "/api/cart", "/api/cart", null, null, 401);
        call("GET", "/api/admin/orders", "/api/admin/orders", customer, null, 403);
        call("PUT", "/api/cart/items/{productId}", "/api/cart/items/" + id, customer, Entity.json("{\"quantity\":2}"), 200);
        call("PUT", "/api/cart/items/{productId}", "/api/cart/items/" + id, customer, Entity.json("{\"quantity\":99}"), 409);
        call("PUT", "/api/cart/items/{productId}", "/api/cart/items/" + id, customer, Entity.json("{\"quantity\":0}"), 422);
        call("PUT", "/api/cart/items/{productId}", "/api/cart/items/" + MISSING, customer, Entity.json("{\"quantity\":1}"), 404);
        call("PUT", "/api/cart/items/{productId}", "/api/cart/items/" + seeded, customer, Entity.json("{\"quantity\":1}"), 200);
        call("DELETE", "/api/cart/items/{productId}", "/api/cart/items/" + seeded, customer, null, 200);
        call("GET", "/api/cart", "/api/cart", customer, null, 200);

        Map<String, String> key = Map.of("Idempotency-Key", "openapi-" + UUID.randomUUID());
        // Registered but not verified: refused; then verified (as the mailed link does) for the rest of the journey.
        call("POST", "/api/orders", "/api/orders", customer, Entity.json(TestShop.checkoutExpecting("26.00")), 403, key);
        shop.markEmailVerified(email);
        long order = call("POST", "/api/orders", "/api/orders", customer, Entity.json(TestShop.checkoutExpecting("26.00")), 201, key)
                .get("id").asLong();
        call("POST", "/api/orders", "/api/orders", customer, Entity.json(TestShop.checkoutExpecting("26.00")), 201, key);
        call("POST", "/api/orders", "/api/orders", customer, Entity.json(TestShop.CHECKOUT), 409);
        call("GET", "/api/orders", "/api/orders", customer, null, 200);
        call("GET", "/api/orders", "/api/orders?page=0", customer, null, 422);
        call("GET", "/api/orders/{id}", "/api/orders/" + order, customer, null, 200);
        call("GET", "/api/orders/{id}", "/api/orders/" + MISSING, customer, null, 404);

        call("GET", "/api/admin/orders", "/api/admin/orders?status=PENDING", admin, null, 200);
        call("GET", "/api/admin/orders/{id}", "/api/admin/orders/" + order, admin, null, 200);
        call("POST", "/api/admin/orders/{id}/status", "/api/admin/orders/" + order + "/status", admin,
                Entity.json("{\"status\":\"DELIVERED\"}"), 409);
        call("POST", "/api/admin/orders/{id}/status", "/api/admin/orders/" + order + "/status", admin,
                Entity.json("{\"status\":\"PAID\"}"), 200);
        call("POST", "/api/orders/{id}/cancel", "/api/orders/" + order + "/cancel", customer, Entity.json(""), 409);
        call("POST", "/api/admin/orders/{id}/status", "/api/admin/orders/" + order + "/status", admin,
                Entity.json("{\"status\":\"CANCELLED\",\"reason\":\"returned\"}"), 200);
        call("GET", "/api/admin/orders/{id}", "/api/admin/orders/" + order, admin, null, 200);
        call("PUT", "/api/cart/items/{productId}", "/api/cart/items/" + seeded, customer, Entity.json("{\"quantity\":1}"), 200);
        long pending = call("POST", "/api/orders", "/api/orders", customer, Entity.json(TestShop.CHECKOUT), 201).get("id").asLong();
        call("POST", "/api/orders/{id}/cancel", "/api/orders/" + pending + "/cancel", customer, Entity.json(""), 200);

        call("DELETE", "/api/products/{id}", "/api/products/" + id, admin, null, 204);

        long customerId = call("GET", "/api/users/me", "/api/users/me", customer, null, 200).get("id").asLong();
        call("GET", "/api/admin/users", "/api/admin/users?q=openapi-&role=CUSTOMER&status=ACTIVE&limit=1", admin, null, 200);
        call("GET", "/api/admin/users", "/api/admin/users?limit=0", admin, null, 422);
        call("GET", "/api/admin/users/{id}", "/api/admin/users/" + customerId, admin, null, 200);
        call("GET", "/api/admin/users/{id}", "/api/admin/users/" + MISSING, admin, null, 404);
        call("PUT", "/api/admin/users/{id}/status", "/api/admin/users/" + admin.id() + "/status", admin,
                Entity.json("{\"status\":\"DISABLED\"}"), 409);
        call("PUT", "/api/admin/users/{id}/status", "/api/admin/users/" + customerId + "/status", admin,
                Entity.json("{\"status\":\"ACTIVE\",\"reason\":\"documented\"}"), 200);
        call("PUT", "/api/admin/users/{id}/role", "/api/admin/users/" + customerId + "/role", admin,
                Entity.json("{\"role\":\"KING\"}"), 422);
        call("PUT", "/api/admin/users/{id}/role", "/api/admin/users/" + customerId + "/role", admin,
                Entity.json("{\"role\":\"CUSTOMER\"}"), 200);
        call("GET", "/api/admin/audit", "/api/admin/audit?limit=5", admin, null, 200);
        call("GET", "/api/admin/audit", "/api/admin/audit?userId=x", admin, null, 422);
        addressBookPaymentsAndFulfilment(customer, admin, seeded, customerId);

        call("PUT", "/api/users/me/password", "/api/users/me/password", customer,
                Entity.json("{\"currentPassword\":\"wrong horse battery\",\"newPassword\":\"staple horse battery\"}"), 422);
        JsonNode changed = call("PUT", "/api/users/me/password", "/api/users/me/password", customer,
                Entity.json("{\"currentPassword\":\"correct horse battery\",\"newPassword\":\"staple horse battery\"}"), 200);
        call("GET", "/api/users/me", "/api/users/me", customer, null, 401);
        customer = new TestUser(customerId, email, Role.CUSTOMER, changed.get("accessToken").asText());
        call("POST", "/api/auth/logout", "/api/auth/logout", customer,
                Entity.json("{\"refreshToken\":\"" + changed.get("refreshToken").asText() + "\"}"), 204);
        call("GET", "/api/users/me", "/api/users/me", customer, null, 401);
        JsonNode again = call("POST", "/api/auth/login", "/api/auth/login", null,
                Entity.json(credentials.replace("correct", "staple")), 200);
        call("POST", "/api/auth/logout-all", "/api/auth/logout-all",
                new TestUser(customerId, email, Role.CUSTOMER, again.get("accessToken").asText()), null, 204);
        call("POST", "/api/auth/logout-all", "/api/auth/logout-all", null, null, 401);

        call("POST", "/api/auth/password-reset", "/api/auth/password-reset", null,
                Entity.json("{\"email\":\"" + email + "\"}"), 202);
        call("POST", "/api/auth/password-reset", "/api/auth/password-reset", null, Entity.json("{\"email\":\"nope\"}"), 422);
        String confirm = "/api/auth/password-reset/confirm";
        call("POST", confirm, confirm, null, Entity.json("{\"token\":\"bogus\",\"newPassword\":\"long enough password\"}"), 422);
        // This app sends no mail (no SMTP_HOST; the reset mail waits in the outbox): the token is put where the
        // mail's would be.
        String token = "openapi-reset-" + UUID.randomUUID();
        shop.db().useHandle(h -> h.createUpdate("""
                        INSERT INTO account_tokens (token_hash, purpose, user_id, created_at, expires_at)
                        VALUES (:hash, 'password_reset', :user, NOW(3), NOW(3) + INTERVAL 30 MINUTE)""")
                .bind("hash", RefreshTokens.hash(token)).bind("user", customerId).execute());
        call("POST", confirm, confirm, null,
                Entity.json("{\"token\":\"" + token + "\",\"newPassword\":\"long enough password\"}"), 204);
        call("POST", "/api/auth/verify-email", "/api/auth/verify-email", null, Entity.json("{\"token\":\"bogus\"}"), 422);
        String verification = "openapi-verify-" + UUID.randomUUID();
        shop.db().useHandle(h -> h.createUpdate("""
                        INSERT INTO account_tokens (token_hash, purpose, user_id, created_at, expires_at)
                        VALUES (:hash, 'verify_email', :user, NOW(3), NOW(3) + INTERVAL 1 DAY)""")
                .bind("hash", RefreshTokens.hash(verification)).bind("user", customerId).execute());
        TestUser fresh = TestTokens.create(APP, Role.CUSTOMER);
        call("POST", "/api/users/me/verification-mail", "/api/users/me/verification-mail", fresh, null, 202);
        call("POST", "/api/auth/verify-email", "/api/auth/verify-email", null,
                Entity.json("{\"token\":\"" + verification + "\"}"), 204);
        shop.db().useHandle(h -> h.execute("UPDATE users SET email_verified_at = NOW(3) WHERE id = ?", fresh.id()));
        call("POST", "/api/users/me/verification-mail", "/api/users/me/verification-mail", fresh, null, 204);
        call("POST", "/api/users/me/verification-mail", "/api/users/me/verification-mail", null, null, 401);

        assertThat(problems).as("responses that differ from the document").isEmpty();
        assertThat(called).as("every documented operation is exercised here").isEqualTo(new TreeSet<>(operations.keySet()));
    }

    /** Issue 16: the address book, checkout from it, the signed payment webhook, fulfilment, refunds, the search. */
    private void addressBookPaymentsAndFulfilment(TestUser customer, TestUser admin, long seeded, long customerId) {
        String book = "/api/users/me/addresses";
        long address = call("POST", book, book, customer, Entity.json(TestShop.ADDRESS), 201).get("id").asLong();
        call("POST", book, book, customer, Entity.json("{\"name\":\"x\"}"), 422);
        call("GET", book, book, customer, null, 200);
        call("GET", book + "/{id}", book + "/" + address, customer, null, 200);
        call("GET", book + "/{id}", book + "/" + MISSING, customer, null, 404);
        call("PUT", book + "/{id}", book + "/" + address, customer, Entity.json(TestShop.ADDRESS), 200);
        call("PUT", book + "/{id}", book + "/" + MISSING, customer, Entity.json(TestShop.ADDRESS), 404);
        call("PUT", "/api/cart/items/{productId}", "/api/cart/items/" + seeded, customer, Entity.json("{\"quantity\":1}"), 200);
        JsonNode order = call("POST", "/api/orders", "/api/orders", customer,
                Entity.json("{\"addressId\":" + address + "}"), 201);
        call("DELETE", book + "/{id}", book + "/" + address, customer, null, 204);
        call("DELETE", book + "/{id}", book + "/" + address, customer, null, 404);

        String webhook = "/api/payments/webhook";
        String intent = order.get("payment").get("intent").asText();
        String total = order.get("totalAmount").decimalValue().toPlainString();
        PaymentProvider provider = new PaymentProvider(APP.getLocalPort(), TestApp.PAYMENTS_WEBHOOK_SECRET);
        long now = java.time.Instant.now().getEpochSecond();
        String paid = PaymentProvider.event("evt_openapi-" + UUID.randomUUID(), "payment.succeeded", intent, total);
        Map<String, String> signed = Map.of("Payment-Signature", provider.signature(paid, now));
        call("POST", webhook, webhook, null, Entity.json(paid), 200, signed);
        call("POST", webhook, webhook, null, Entity.json(paid), 409, signed);
        call("POST", webhook, webhook, null, Entity.json(paid), 200, Map.of("Payment-Signature", provider.signature(paid, now - 1)));
        call("POST", webhook, webhook, null, Entity.json(paid), 401, Map.of("Payment-Signature", "t=" + now + ",v1=00"));
        String unknown = PaymentProvider.event("evt_openapi-" + UUID.randomUUID(), "payment.succeeded", "pi_none", total);
        call("POST", webhook, webhook, null, Entity.json(unknown), 404, Map.of("Payment-Signature", provider.signature(unknown, now)));
        String wrongAmount = PaymentProvider.event("evt_openapi-" + UUID.randomUUID(), "payment.succeeded", intent, "0.01");
        call("POST", webhook, webhook, null, Entity.json(wrongAmount), 422,
                Map.of("Payment-Signature", provider.signature(wrongAmount, now)));
        call("POST", webhook, webhook, null, Entity.json("[1"), 400, Map.of("Payment-Signature", provider.signature("[1", now)));

        String ship = "/api/admin/orders/{id}/fulfilment";
        long id = order.get("id").asLong();
        call("POST", ship, "/api/admin/orders/" + id + "/fulfilment", admin,
                Entity.json("{\"carrier\":\"DHL\",\"trackingNumber\":\"\"}"), 422);
        call("POST", ship, "/api/admin/orders/" + id + "/fulfilment", admin,
                Entity.json("{\"carrier\":\"DHL\",\"trackingNumber\":\"JD0146\"}"), 200);
        call("POST", ship, "/api/admin/orders/" + id + "/fulfilment", admin,
                Entity.json("{\"carrier\":\"DHL\",\"trackingNumber\":\"JD0146\"}"), 409);
        call("POST", ship, "/api/admin/orders/" + MISSING + "/fulfilment", admin,
                Entity.json("{\"carrier\":\"DHL\",\"trackingNumber\":\"JD0146\"}"), 404);
        String refund = "/api/admin/orders/{id}/refund";
        call("POST", refund, "/api/admin/orders/" + id + "/refund", admin, Entity.json("{\"reason\":\"broken\"}"), 200);
        call("POST", refund, "/api/admin/orders/" + id + "/refund", admin, Entity.json("{}"), 409);
        call("POST", refund, "/api/admin/orders/" + MISSING + "/refund", admin, Entity.json("{}"), 404);
        call("GET", "/api/admin/orders", "/api/admin/orders?customer=" + customerId + "&from=2026-01-01&limit=1", admin,
                null, 200);
        call("GET", "/api/admin/orders", "/api/admin/orders?limit=0", admin, null, 422);
    }

    private JsonNode call(String method, String template, String uri, TestUser user, Entity<?> body, int expected) {
        return call(method, template, uri, user, body, expected, Map.of());
    }

    /** Sends the request, checks the status, and checks the answer against the document. */
    private JsonNode call(String method, String template, String uri, TestUser user, Entity<?> body, int expected,
                          Map<String, String> headers) {
        String name = method + " " + template;
        called.add(name);
        Invocation.Builder request = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + uri).request();
        if (user != null) {
            request.header("Authorization", user.authorization());
        }
        headers.forEach(request::header);
        try (Response response = body == null ? request.method(method) : request.method(method, body)) {
            byte[] bytes = response.readEntity(byte[].class);
            assertThat(response.getStatus()).as(name + " " + uri + " answered " + new String(bytes, StandardCharsets.UTF_8))
                    .isEqualTo(expected);
            Operation operation = operations.get(name);
            assertThat(operation).as(name + " is documented").isNotNull();
            JsonNode documented = operation.node().path("responses").path(Integer.toString(expected));
            if (documented.isMissingNode()) {
                problems.add(name + ": status " + expected + " is not documented");
                return null;
            }
            JsonNode content = document.resolve(documented).path("content");
            if (bytes.length == 0) {
                if (!content.isMissingNode()) {
                    problems.add(name + " " + expected + ": documents a body but none came");
                }
                return null;
            }
            MediaType type = response.getMediaType();
            String bare = type.getType() + "/" + type.getSubtype();
            if (!content.has(bare)) {
                problems.add(name + " " + expected + ": media type " + bare + " is not documented");
                return null;
            }
            if (!bare.equals(MediaType.APPLICATION_JSON)) {
                return null;
            }
            JsonNode json = APP.getObjectMapper().readTree(bytes);
            problems.addAll(conformance.problems(json, content.get(bare).path("schema"), name + " " + expected));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static byte[] multipart(String boundary, byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ball.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }
}
