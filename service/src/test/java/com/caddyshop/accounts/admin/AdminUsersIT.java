package com.caddyshop.accounts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.AccountsClient;
import com.caddyshop.accounts.Role;
import com.caddyshop.platform.ratelimit.ClientAddresses;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Account management for admins through HTTP: search and keyset paging, disable and enable, role
 * changes, each audited with who, when, what and from which address; the last active admin stays.
 * Each test works on accounts of its own domain, and the shop's admins are reset before each.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class AdminUsersIT {
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("admin_users")
            .set("trustedProxies", () -> "127.0.0.1").extension();
    final AccountsClient client = new AccountsClient(APP);

    private static Jdbi database() {
        var db = APP.getConfiguration().getDatabase();
        return Jdbi.create(db.getUrl(), db.getUser(), db.getPassword());
    }

    /** No admin from an earlier test remains active, so each test decides who is the last one. */
    @BeforeEach
    void retireEarlierAdmins() {
        database().useHandle(h -> h.execute("UPDATE users SET status = 'DISABLED' WHERE role = 'ADMIN'"));
    }

    private JsonNode send(String method, String path, TestUser as, Object body, int expected) {
        var request = client.request(path, as.token()).header(ClientAddresses.FORWARDED_FOR, "198.51.100.23");
        try (Response response = body == null ? request.method(method) : request.method(method, Entity.json(body))) {
            JsonNode json = response.readEntity(JsonNode.class);
            assertThat(response.getStatus()).as(method + " " + path + " -> " + json).isEqualTo(expected);
            return json;
        }
    }

    private JsonNode get(String path, TestUser as) {
        return send("GET", path, as, null, 200);
    }

    private static List<String> emails(JsonNode page) {
        List<String> emails = new ArrayList<>();
        page.get("items").forEach(item -> emails.add(item.get("email").asText()));
        return emails;
    }

    private long register(String email) {
        try (Response response = client.register(email, "admin-users-password")) {
            assertThat(response.getStatus()).isEqualTo(201);
            return response.readEntity(JsonNode.class).get("id").asLong();
        }
    }

    @Test
    void searchByEmailPrefixAndPageThroughInEmailOrder() {
        String domain = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        List<String> expected = new ArrayList<>();
        for (String name : List.of("dora", "ada", "carl", "bea", "eve")) {
            register(name + domain);
        }
        register("zed-other@elsewhere.example.com");
        for (String name : List.of("ada", "bea", "carl", "dora", "eve")) {
            expected.add(name + domain);
        }
        TestUser admin = TestTokens.create(APP, Role.ADMIN);

        JsonNode everyone = get("/api/admin/users?limit=100", admin);
        assertThat(emails(everyone)).containsAll(expected).isSorted();
        assertThat(everyone.get("items").get(0).has("passwordHash")).isFalse();

        // Pages of two through every active customer: this test's accounts come in e-mail order, each once.
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/admin/users?limit=2&status=active&role=customer" + (after == null ? "" : "&after=" + after), admin);
            page.get("items").forEach(item -> {
                if (item.get("email").asText().endsWith(domain)) {
                    seen.add(item.get("email").asText());
                }
            });
            after = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (after != null && pages < 1000);
        assertThat(seen).containsExactlyElementsOf(expected);

        JsonNode prefix = get("/api/admin/users?q=" + "CARL" + domain.substring(0, 5), admin);
        assertThat(emails(prefix)).containsExactly("carl" + domain);
        assertThat(get("/api/admin/users?q=%25", admin).get("items")).as("% is literal").isEmpty();

        JsonNode invalid = send("GET", "/api/admin/users?limit=0&role=king&after=x", admin, null, 422);
        List<String> fields = new ArrayList<>();
        invalid.get("details").forEach(d -> fields.add(d.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("limit", "role", "after");
    }

    @Test
    void disableEnableAndRoleChangesAreAuditedWithWhoWhatWhenAndWhere() {
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        long id = register("audited-" + UUID.randomUUID() + "@example.com");

        JsonNode disabled = send("PUT", "/api/admin/users/" + id + "/status", admin,
                Map.of("status", "DISABLED", "reason", "  card testing  "), 200);
        assertThat(disabled.get("status").asText()).isEqualTo("DISABLED");
        send("PUT", "/api/admin/users/" + id + "/status", admin, Map.of("status", "DISABLED"), 200);
        send("PUT", "/api/admin/users/" + id + "/status", admin, Map.of("status", "ACTIVE"), 200);
        JsonNode promoted = send("PUT", "/api/admin/users/" + id + "/role", admin, Map.of("role", "ADMIN"), 200);
        assertThat(promoted.get("role").asText()).isEqualTo("ADMIN");
        assertThat(get("/api/admin/users/" + id, admin).get("role").asText()).isEqualTo("ADMIN");

        JsonNode audit = get("/api/admin/audit?userId=" + id, admin);
        assertThat(audit.get("items")).as("the repeated disable changed nothing and is not recorded").hasSize(3);
        JsonNode newest = audit.get("items").get(0);
        assertThat(newest.get("action").asText()).isEqualTo("ROLE_CHANGED");
        assertThat(newest.get("from").asText()).isEqualTo("CUSTOMER");
        assertThat(newest.get("to").asText()).isEqualTo("ADMIN");
        JsonNode oldest = audit.get("items").get(2);
        assertThat(oldest.get("action").asText()).isEqualTo("USER_DISABLED");
        assertThat(oldest.get("actorId").asLong()).isEqualTo(admin.id());
        assertThat(oldest.get("actorEmail").asText()).isEqualTo(admin.email());
        assertThat(oldest.get("targetUserId").asLong()).isEqualTo(id);
        assertThat(oldest.get("reason").asText()).isEqualTo("card testing");
        assertThat(oldest.get("clientAddress").asText()).isEqualTo("198.51.100.23");
        assertThat(oldest.get("createdAt").asText()).contains("T");
        assertThat(audit.get("items").get(1).get("action").asText()).isEqualTo("USER_ENABLED");

        JsonNode firstOfTwo = get("/api/admin/audit?userId=" + id + "&limit=2", admin);
        assertThat(firstOfTwo.get("items")).hasSize(2);
        JsonNode rest = get("/api/admin/audit?userId=" + id + "&limit=2&after=" + firstOfTwo.get("next").asText(), admin);
        assertThat(rest.get("items")).hasSize(1);
        assertThat(rest.get("items").get(0).get("action").asText()).isEqualTo("USER_DISABLED");
        assertThat(rest.get("next").isNull()).isTrue();
        assertThat(get("/api/admin/audit", admin).get("items").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theLastActiveAdminCannotBeDisabledOrDemotedButAnotherCan() {
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        JsonNode refused = send("PUT", "/api/admin/users/" + admin.id() + "/role", admin, Map.of("role", "CUSTOMER"), 409);
        assertThat(refused.get("message").asText()).contains("at least one active admin");
        send("PUT", "/api/admin/users/" + admin.id() + "/status", admin, Map.of("status", "DISABLED"), 409);

        TestUser second = TestTokens.create(APP, Role.ADMIN);
        send("PUT", "/api/admin/users/" + admin.id() + "/role", second, Map.of("role", "CUSTOMER"), 200);
        send("PUT", "/api/admin/users/" + second.id() + "/status", second, Map.of("status", "DISABLED"), 409);
        assertThat(get("/api/admin/audit?userId=" + admin.id(), second).get("items")).hasSize(1);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        TestUser one = TestTokens.create(APP, Role.ADMIN);
        TestUser two = TestTokens.create(APP, Role.ADMIN);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (TestUser[] pair : new TestUser[][] {{one, two}, {two, one}}) {
                results.add(pool.submit(() -> {
                    start.await();
                    try (Response response = client.request("/api/admin/users/" + pair[1].id() + "/role", pair[0].token())
                            .put(Entity.json(Map.of("role", "CUSTOMER")))) {
                        return response.getStatus();
                    }
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(30, TimeUnit.SECONDS));
            }
            // Whichever runs second: its actor was demoted (401) or it finds the last admin (409).
            assertThat(statuses).contains(200).doesNotHaveDuplicates();
            long admins = database().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM users WHERE role = 'ADMIN' AND status = 'ACTIVE'").mapTo(Long.class).one());
            assertThat(admins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void customersAreRefusedAndUnknownAccountsAre404() {
        TestUser admin = TestTokens.create(APP, Role.ADMIN);
        TestUser customer = TestTokens.create(APP, Role.CUSTOMER);
        send("GET", "/api/admin/users", customer, null, 403);
        send("GET", "/api/admin/audit", customer, null, 403);
        send("PUT", "/api/admin/users/" + admin.id() + "/role", customer, Map.of("role", "CUSTOMER"), 403);
        send("GET", "/api/admin/users/999999999", admin, null, 404);
        send("PUT", "/api/admin/users/999999999/status", admin, Map.of("status", "DISABLED"), 404);
        send("PUT", "/api/admin/users/" + customer.id() + "/status", admin, Map.of("status", "GONE"), 422);
        send("PUT", "/api/admin/users/" + customer.id() + "/role", admin, Map.of("role", "ROOT"), 422);
    }
}
