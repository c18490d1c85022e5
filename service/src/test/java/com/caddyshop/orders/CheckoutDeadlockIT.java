package com.caddyshop.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.accounts.Role;
import com.caddyshop.cart.TestShop;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.caddyshop.testing.TestTokens;
import com.caddyshop.testing.TestTokens.TestUser;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Concurrent checkouts of customers with neighbouring user ids. At REPEATABLE READ, checkout's locking
 * read of the customer's PENDING orders took a next-key lock on the gap after the customer's last entry
 * of {@code idx_orders_user_status_created}, where the next user id's new order is inserted: such
 * checkouts deadlocked with each other, were retried, and under load ran out of retries (503 in
 * {@code make bench}). At READ COMMITTED none of them may deadlock, and the per-customer cap on pending
 * units, which relies on checkouts of one customer being serialised, must still hold.
 */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class CheckoutDeadlockIT {
    static final int CAP = 3;
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = TestApp.onSharedServers("checkout_deadlock")
            .set("orders.maxPendingUnits", () -> Integer.toString(CAP)).extension();
    static final TestShop SHOP = new TestShop(APP);
    static final int BUYERS = 32;

    private static long retries() {
        return APP.getEnvironment().metrics().counter("caddy.db.transaction_retries").getCount();
    }

    @Test
    void neighboursCheckingOutTogetherNeverDeadlock() throws Exception {
        int rounds = CAP;
        int initialStock = BUYERS * rounds + 5;
        long product = SHOP.product("Popular kettle", "20.00", initialStock);
        // Created one after the other: consecutive user ids, so every buyer's index range borders the next one's.
        List<TestUser> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            buyers.add(TestTokens.createVerified(APP, Role.CUSTOMER));
        }
        long retriesBefore = retries();

        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (TestUser buyer : buyers) {
                SHOP.putItem(buyer, product, 1);
            }
            statuses.addAll(all(buyers.stream().<Callable<Integer>>map(buyer -> () -> {
                try (Response response = SHOP.post("/api/orders", buyer, TestShop.CHECKOUT)) {
                    response.readEntity(String.class);
                    return response.getStatus();
                }
            }).toList()));
        }

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(byStatus).as("statuses of %d rounds of %d concurrent checkouts", rounds, BUYERS)
                .containsExactlyEntriesOf(Map.of(201, (long) BUYERS * rounds));
        assertThat(retries() - retriesBefore).as("transactions retried after a deadlock").isZero();

        int ordered = SHOP.db().withHandle(h -> h.createQuery(
                        "SELECT COALESCE(SUM(quantity), 0) FROM order_items WHERE product_id = :p")
                .bind("p", product).mapTo(Integer.class).one());
        assertThat(ordered).isEqualTo(BUYERS * rounds);
        assertThat(SHOP.stock(product) + ordered).as("stock left plus units ordered").isEqualTo(initialStock);
        assertThat(SHOP.ledgerSum(product)).isEqualTo(SHOP.stock(product));
        SHOP.db().useHandle(h -> assertThat(h.createQuery("""
                        SELECT COUNT(*) FROM cart_items WHERE user_id BETWEEN :first AND :last""")
                .bind("first", buyers.get(0).id()).bind("last", buyers.get(BUYERS - 1).id())
                .mapTo(Long.class).one()).as("cart lines left").isZero());
    }

    @Test
    void oneCustomersConcurrentCheckoutsStayWithinThePendingCap() throws Exception {
        int initialStock = 100;
        long product = SHOP.product("Rationed tea", "5.00", initialStock);
        TestUser customer = TestTokens.createVerified(APP, Role.CUSTOMER);
        int threads = 8;
        int attempts = 5;

        // Every thread fills the cart and checks out, again and again: checkouts of the one customer
        // race each other and the cart writes, and only CAP units may end up in PENDING orders.
        List<Callable<List<Integer>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    try (Response put = SHOP.put("/api/cart/items/" + product, customer, "{\"quantity\": 1}")) {
                        put.readEntity(String.class);
                        assertThat(put.getStatus()).as("cart write").isEqualTo(200);
                    }
                    try (Response response = SHOP.post("/api/orders", customer, TestShop.CHECKOUT)) {
                        response.readEntity(String.class);
                        mine.add(response.getStatus());
                    }
                }
                return mine;
            });
        }
        List<Integer> statuses = all(tasks).stream().flatMap(List::stream).toList();

        assertThat(statuses).as("201 placed, 409 cap reached or cart emptied by another checkout")
                .hasSize(threads * attempts).allMatch(s -> s == 201 || s == 409);
        long placed = statuses.stream().filter(s -> s == 201).count();
        int pendingUnits = SHOP.db().withHandle(h -> h.createQuery(
                        "SELECT COALESCE(SUM(item_count), 0) FROM orders WHERE user_id = :u AND status = 'PENDING'")
                .bind("u", customer.id()).mapTo(Integer.class).one());
        assertThat(pendingUnits).as("units in PENDING orders").isEqualTo(placed).isLessThanOrEqualTo(CAP);
        assertThat(SHOP.stock(product) + pendingUnits).as("stock left plus units ordered").isEqualTo(initialStock);
    }

    @Test
    void atReadCommittedASecondCheckoutOfTheCustomerStillWaitsForTheFirstOnTheCart() {
        // What serialises one customer's checkouts (PendingUnitsCap): the first has locked and deleted
        // its cart lines, not yet committed; the second's locking read of the cart must wait for it.
        long product = SHOP.product("Waited-for lamp", "9.00", 10);
        TestUser customer = TestTokens.createVerified(APP, Role.CUSTOMER);
        SHOP.putItem(customer, product, 1);
        String lockCart = "SELECT product_id FROM cart_items WHERE user_id = ? ORDER BY product_id FOR UPDATE";
        try (Handle first = SHOP.db().open(); Handle second = SHOP.db().open()) {
            first.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            first.execute("START TRANSACTION");
            assertThat(first.createQuery(lockCart).bind(0, customer.id()).mapTo(Long.class).list()).containsExactly(product);
            first.execute("DELETE FROM cart_items WHERE user_id = ? AND product_id IN (?)", customer.id(), product);

            second.execute("SET SESSION innodb_lock_wait_timeout = 1");
            second.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            second.execute("START TRANSACTION");
            assertThatThrownBy(() -> second.createQuery(lockCart).bind(0, customer.id()).mapTo(Long.class).list())
                    .as("the second checkout's read of the cart")
                    .satisfies(e -> assertThat(errorCode(e)).as("MariaDB error").isEqualTo(1205));
            second.execute("ROLLBACK");
            first.execute("ROLLBACK");
        }
    }

    private static int errorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }

    /** Runs the tasks together, released by one gate, and returns their results in task order. */
    private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return task.call();
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
