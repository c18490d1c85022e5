package com.caddyshop.addresses;

import static com.caddyshop.cart.TestShop.expect;
import static com.caddyshop.cart.TestShop.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The address book under the signed-in account, and checkout's copy of an address onto the order. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class AddressBookIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("addresses").extension();
    static final TestShop SHOP = new TestShop(APP);
    private static final String BOOK = "/api/users/me/addresses";
    private static final String HOME = """
            {"name": "Li Lei", "phone": "+86 10 1234 5678", "line1": "1 Chang'an Avenue", "city": "Beijing",
             "region": "Beijing", "postalCode": "100000", "country": "CN"}""";

    private static TestUser customer() {
        return TestTokens.createVerified(APP, Role.CUSTOMER);
    }

    @Test
    void anAccountKeepsEditsAndDeletesItsOwnAddressesOnly() {
        TestUser user = customer();
        JsonNode added;
        try (Response response = SHOP.post(BOOK, user, HOME)) {
            assertThat(response.getLocation().getPath()).startsWith(BOOK + "/");
            added = TestShop.Json.parse(response.readEntity(String.class));
            assertThat(response.getStatus()).isEqualTo(201);
        }
        long id = added.get("id").asLong();
        assertThat(added.get("country").asText()).isEqualTo("CN");
        assertThat(added.get("line2").isNull()).isTrue();

        JsonNode book = expect(200, SHOP.request(BOOK, user).get());
        assertThat(book.get("items")).hasSize(1);
        assertThat(book.get("limit").asInt()).isEqualTo(AddressBook.MAX_ENTRIES);

        JsonNode edited = expect(200, SHOP.put(BOOK + "/" + id, user, HOME.replace("Li Lei", "Han Meimei")));
        assertThat(edited.get("name").asText()).isEqualTo("Han Meimei");
        assertThat(expect(200, SHOP.request(BOOK + "/" + id, user).get())).isEqualTo(edited);

        // Another account sees none of it, and cannot change or delete it.
        TestUser other = customer();
        assertThat(expect(200, SHOP.request(BOOK, other).get()).get("items")).isEmpty();
        expectError(404, SHOP.request(BOOK + "/" + id, other).get());
        expectError(404, SHOP.put(BOOK + "/" + id, other, HOME));
        expectError(404, SHOP.request(BOOK + "/" + id, other).delete());

        try (Response deleted = SHOP.request(BOOK + "/" + id, user).delete()) {
            assertThat(deleted.getStatus()).isEqualTo(204);
        }
        expectError(404, SHOP.request(BOOK + "/" + id, user).get());
        expectError(401, SHOP.request(BOOK, null).get());
    }

    @Test
    void countryCodesAndRequiredFieldsAreValidated() {
        TestUser user = customer();
        JsonNode lower = expectError(422, SHOP.post(BOOK, user, HOME.replace("\"CN\"", "\"cn\"")));
        assertThat(lower.get("details").findValuesAsText("field")).containsExactly("country");
        expectError(422, SHOP.post(BOOK, user, HOME.replace("\"CN\"", "\"XX\"")));
        expectError(422, SHOP.post(BOOK, user, HOME.replace("\"CN\"", "\"CHN\"")));
        JsonNode blank = expectError(422, SHOP.post(BOOK, user, HOME.replace("\"Li Lei\"", "\" \"")));
        assertThat(blank.get("details").findValuesAsText("field")).containsExactly("name");
        expectError(422, SHOP.post(BOOK, user, HOME.replace("+86 10 1234 5678", "call me")));
        assertThat(expect(200, SHOP.request(BOOK, user).get()).get("items")).isEmpty();
    }

    @Test
    void theBookIsCapped() {
        TestUser user = customer();
        for (int i = 0; i < AddressBook.MAX_ENTRIES; i++) {
            expect(201, SHOP.post(BOOK, user, HOME));
        }
        JsonNode full = expectError(409, SHOP.post(BOOK, user, HOME));
        assertThat(full.get("message").asText()).contains(String.valueOf(AddressBook.MAX_ENTRIES));
        assertThat(expect(200, SHOP.request(BOOK, user).get()).get("items")).hasSize(AddressBook.MAX_ENTRIES);
    }

    @Test
    void checkoutCopiesAnEntryOntoTheOrderSoLaterEditsDoNotChangeIt() {
        TestUser user = customer();
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long id = expect(201, SHOP.post(BOOK, user, HOME)).get("id").asLong();
        long product = SHOP.product("Addressed kettle", "20.00", 5);

        // No address, two addresses, someone else's entry: refused, nothing ordered.
        SHOP.putItem(user, product, 1);
        JsonNode none = expectError(422, SHOP.post("/api/orders", user, "{}"));
        assertThat(none.get("details").get(0).get("field").asText()).isEqualTo("shippingAddress");
        expectError(422, SHOP.post("/api/orders", user,
                "{\"addressId\": " + id + ", \"shippingAddress\": " + TestShop.ADDRESS + "}"));
        long foreign = expect(201, SHOP.post(BOOK, customer(), HOME)).get("id").asLong();
        JsonNode notMine = expectError(422, SHOP.post("/api/orders", user, "{\"addressId\": " + foreign + "}"));
        assertThat(notMine.get("details").get(0).get("field").asText()).isEqualTo("addressId");
        JsonNode badInline = expectError(422, SHOP.post("/api/orders", user,
                "{\"shippingAddress\": " + TestShop.ADDRESS.replace("\"GB\"", "\"UK\"") + "}"));
        assertThat(badInline.get("details").get(0).get("field").asText()).isEqualTo("country");
        assertThat(SHOP.stock(product)).isEqualTo(5);

        JsonNode order = expect(201, SHOP.post("/api/orders", user, "{\"addressId\": " + id + "}"));
        assertThat(order.get("shippingAddress").get("name").asText()).isEqualTo("Li Lei");
        assertThat(order.get("shippingAddress").get("country").asText()).isEqualTo("CN");
        expect(200, SHOP.put(BOOK + "/" + id, user, HOME.replace("Li Lei", "Somebody Else")));
        expect(204, SHOP.request(BOOK + "/" + id, user).delete());

        long orderId = order.get("id").asLong();
        JsonNode mine = expect(200, SHOP.request("/api/orders/" + orderId, user).get());
        assertThat(mine.get("shippingAddress")).isEqualTo(order.get("shippingAddress"));
        JsonNode adminView = expect(200, SHOP.request("/api/admin/orders/" + orderId, admin).get());
        assertThat(adminView.get("shippingAddress").get("line1").asText()).isEqualTo("1 Chang'an Avenue");
        assertThat(adminView.get("shippingAddress").get("phone").asText()).isEqualTo("+86 10 1234 5678");
    }
}
