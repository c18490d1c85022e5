package com.caddyshop.platform.db;

import static com.caddyshop.cart.TestShop.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.PlainHttp;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database that holds requests up answers them with 503 and {@code Retry-After} within the
 * configured bounds, instead of holding the request threads or answering 500: a row lock held by
 * someone else, a statement that does not finish, a pool with no free connection. The pool has one
 * connection here, so one waiting request exhausts it.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class DatabaseBoundsIT {
    static final Duration LOCK_WAIT = Duration.ofSeconds(3);
    static final Duration STATEMENT = Duration.ofSeconds(3);
    /** What a bound may overrun by on a busy test machine: the round trips and the mapping. */
    static final Duration SLACK = Duration.ofSeconds(3);
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("db_bounds")
            .set("databaseLimits.lockWaitTimeout", () -> LOCK_WAIT.toSeconds() + "s")
            .set("databaseLimits.statementTimeout", () -> STATEMENT.toSeconds() + "s")
            .set("database.maxSize", () -> "1")
            .set("database.maxWaitForConnection", () -> "250ms")
            .extension();
    static final TestShop SHOP = new TestShop(APP);

    @Test
    void aRowLockHeldElsewhereEndsIn503WithRetryAfterWithinTheLockBound() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        long product = SHOP.product("Locked elsewhere", "3.00", 5);
        SHOP.putItem(user, product, 2);

        try (Handle holder = SHOP.db().open()) {
            lockRow(holder, product);
            long started = System.nanoTime();
            try (Response response = checkout(user)) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertBusy(response);
                assertThat(took).as("ended by the lock bound, not earlier").isGreaterThanOrEqualTo(LOCK_WAIT.minusMillis(200))
                        .as("and not much later").isLessThan(LOCK_WAIT.plus(SLACK));
            }
            holder.rollback();
        }
        // Nothing was lost: the cart is still there and the same checkout now goes through.
        expect(201, SHOP.post("/api/orders", user, TestShop.CHECKOUT));
        assertThat(SHOP.stock(product)).isEqualTo(3);
    }

    @Test
    void aStatementThatDoesNotFinishEndsIn503WithinTheStatementBound() {
        TestUser user = TestTokens.createVerified(APP, Role.CUSTOMER);
        try (Handle holder = SHOP.db().open()) {
            // A table lock: readers of orders wait on it, and no lock-wait setting ends that wait;
            // only the statement bound does (on TiDB, max_execution_time likewise ends a slow SELECT).
            holder.execute("LOCK TABLES orders WRITE");
            try {
                long started = System.nanoTime();
                try (Response response = myOrders(user)) {
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertBusy(response);
                    assertThat(took).isGreaterThanOrEqualTo(STATEMENT.minusMillis(200)).isLessThan(STATEMENT.plus(SLACK));
                }
            } finally {
                holder.execute("UNLOCK TABLES");
            }
        }
        expect(200, SHOP.request("/api/orders", user).get());
    }

    @Test
    void aRequestThatFindsNoFreeConnectionIs503WithRetryAfter() throws Exception {
        TestUser buyer = TestTokens.createVerified(APP, Role.CUSTOMER);
        TestUser reader = TestTokens.createVerified(APP, Role.CUSTOMER);
        long product = SHOP.product("Pool holder", "1.00", 5);
        SHOP.putItem(buyer, product, 1);

        try (Handle holder = SHOP.db().open()) {
            lockRow(holder, product);
            // The checkout takes the pool's only connection and waits for the row lock with it.
            CompletableFuture<Integer> checkout = CompletableFuture.supplyAsync(() -> {
                try (Response response = checkout(buyer)) {
                    return response.getStatus();
                }
            });
            Await.until("the checkout to wait for the row lock", LOCK_WAIT, () -> holder.createQuery(
                    "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'")
                    .mapTo(Integer.class).one() > 0);

            long started = System.nanoTime();
            try (Response response = myOrders(reader)) {
                assertBusy(response);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SLACK);
            }
            holder.rollback();
            assertThat(checkout.get(LOCK_WAIT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS)).isIn(201, 503);
        }
        expect(200, SHOP.request("/api/orders", reader).get());
    }

    /** Another transaction, outside the service, holds the product's row lock until it ends. */
    private static void lockRow(Handle holder, long product) {
        holder.begin();
        holder.createQuery("SELECT stock FROM products WHERE id = :id FOR UPDATE").bind("id", product)
                .mapTo(Integer.class).one();
    }

    /** Sent once: the extension's client would wait out the Retry-After and send the request again. */
    private static Response checkout(TestUser user) {
        return plain("/api/orders", user).post(Entity.json(TestShop.CHECKOUT));
    }

    private static Response myOrders(TestUser user) {
        return plain("/api/orders", user).get();
    }

    private static Invocation.Builder plain(String path, TestUser user) {
        return PlainHttp.CLIENT.target("http://127.0.0.1:" + APP.getLocalPort() + path).request()
                .header(HttpHeaders.AUTHORIZATION, user.authorization());
    }

    /** 503 in the one error shape, with Retry-After, and nothing about the database's internals. */
    static void assertBusy(Response response) {
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(503);
        assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).as("Retry-After").matches("[1-9][0-9]*");
        assertThat(TestShop.Json.parse(body).get("code").asInt()).isEqualTo(503);
        assertThat(body).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("sql")
                .doesNotContainIgnoringCase("jdbc").doesNotContainIgnoringCase("lock").doesNotContain("errorId");
    }
}
