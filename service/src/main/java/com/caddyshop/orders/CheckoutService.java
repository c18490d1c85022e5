package com.caddyshop.orders;

import com.caddyshop.accounts.AuthenticatedUser;
import com.caddyshop.accounts.VerifiedEmailRequirement;
import com.caddyshop.addresses.PostalAddress;
import com.caddyshop.cart.CartItem;
import com.caddyshop.cart.CartService;
import com.caddyshop.catalog.CatalogService;
import com.caddyshop.catalog.Inventory;
import com.caddyshop.catalog.ProductView;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import com.codahale.metrics.Counter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the caller's cart into an order. Everything that must hold together happens in ONE
 * transaction, retried whole by the platform on TiDB aborts and deadlocks: check that the buyer's
 * address is verified ({@link VerifiedEmailRequirement}: no statement for a token issued after the
 * verification, one primary-key read otherwise; a refusal writes nothing), claim the idempotency
 * key, lock and clear the cart, check the units the account holds in PENDING orders against the cap,
 * reserve stock (conditional decrements), read names and prices of the locked products, insert the
 * order, its items and its ledger rows, store the response. Any failure rolls all of it back: no
 * order, no stock change, the cart kept, the key free again. Locks are always taken in that order
 * (key, cart, the account's pending orders, products by ascending id, new order rows), so two
 * checkouts cannot deadlock on each other.
 *
 * <p>The transaction runs at READ COMMITTED. At REPEATABLE READ, MariaDB's locking read of the
 * account's pending orders took next-key locks on {@code idx_orders_user_status_created}, including the
 * gap after the account's last entry, which is where the account with the next user id inserts its new
 * order: checkouts of neighbouring accounts deadlocked (insert intention against gap lock) and under
 * load some ran out of retries and answered 503 (CheckoutDeadlockIT). READ COMMITTED takes record
 * locks only. Nothing here needs a gap lock: every read whose answer matters is a locking read or a
 * conditional update, which see the latest committed rows at either level, and checkouts of one
 * account are serialised by the cart's row locks, taken first (see {@link PendingUnitsCap}). TiDB
 * takes no gap locks at any level; the same level there keeps production's transaction the one the
 * tests run.
 *
 * <p>Round trips are what a checkout costs (on TiDB every statement is a network hop and every
 * commit a Raft write), so the common path reads nothing outside the transaction: the key is claimed
 * first and a replay is looked up only when the claim finds the key taken, and the response is built
 * from the values just written instead of reading the order back.
 */
public final class CheckoutService {
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);
    /** Every order is in euros today; written explicitly so the response needs no read-back of the default. */
    static final String CURRENCY = "EUR";
    /** A new order's refunded sum as the DECIMAL(14, 2) column reads it back. */
    private static final BigDecimal NOTHING_REFUNDED = new BigDecimal("0.00");
    /** The largest amount {@code orders.total_amount} (DECIMAL(14,2)) holds. */
    static final BigDecimal MAX_TOTAL = new BigDecimal("999999999999.99");

    private final RetryableTransactions transactions;
    private final VerifiedEmailRequirement verifiedEmail;
    private final CatalogService catalog;
    private final Inventory inventory;
    private final CartService cart;
    private final PendingUnitsCap pendingCap;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;
    private final Clock clock;
    private final Counter ordersPlaced;
    private final Counter stockConflicts;
    private final StoredTimes storedTimes = new StoredTimes();
    private final OrderMails mails;
    private final ShippingAddresses shipping;

    CheckoutService(RetryableTransactions transactions, VerifiedEmailRequirement verifiedEmail, CatalogService catalog,
                    Inventory inventory, CartService cart,
                    PendingUnitsCap pendingCap, IdempotencyKeys keys, OrderMails mails, ShippingAddresses shipping,
                    ObjectMapper json, Clock clock, Counter ordersPlaced, Counter stockConflicts) {
        this.mails = mails;
        this.shipping = shipping;
        this.transactions = transactions;
        this.verifiedEmail = verifiedEmail;
        this.catalog = catalog;
        this.inventory = inventory;
        this.cart = cart;
        this.pendingCap = pendingCap;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
        this.ordersPlaced = ordersPlaced;
        this.stockConflicts = stockConflicts;
    }

    /** @param idempotencyKey the client's key, or {@code null} for a request without one */
    public CheckoutResult checkout(AuthenticatedUser buyer, String idempotencyKey, CheckoutRequest request) {
        long userId = buyer.id();
        ShippingAddresses.requireOne(request);
        String fingerprint = RequestFingerprint.of(userId, request);
        try {
            return placeOrder(buyer, idempotencyKey, fingerprint, request);
        } catch (RuntimeException e) {
            if (idempotencyKey == null || !IdempotencyKeys.isDuplicateKey(e)) {
                throw e;
            }
        }
        // The claim found the key taken: by an earlier request (answer as it did, or 422 for another
        // body), or by one that expired (replay forgets it, and this request may use the key again).
        var earlier = keys.replay(userId, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return placeOrder(buyer, idempotencyKey, fingerprint, request);
        } catch (RuntimeException e) {
            if (!IdempotencyKeys.isDuplicateKey(e)) {
                throw e;
            }
            // A concurrent request with the same key won in between; answer as it did.
            LOG.info("checkout by user {} lost the race for its Idempotency-Key; answering with the winner's response", userId);
            return keys.replay(userId, idempotencyKey, fingerprint).orElseThrow(() -> ApiException.conflict(
                    "A request with this Idempotency-Key is being processed; retry shortly", List.of()));
        }
    }

    /** One attempt at the order transaction, then the work that must follow its commit. */
    private CheckoutResult placeOrder(AuthenticatedUser buyer, String idempotencyKey, String fingerprint,
                                      CheckoutRequest request) {
        Placed placed;
        try {
            // READ COMMITTED: no gap locks, so no deadlocks with the neighbouring accounts' checkouts (see above).
            placed = transactions.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                    tx -> place(tx, buyer, idempotencyKey, fingerprint, request));
        } catch (OutOfStockException shortage) {
            stockConflicts.inc();
            // The cart was accepted against a stock figure that is now wrong: drop any cached copy.
            inventory.evict(shortage.productIds());
            throw shortage;
        }
        inventory.evict(placed.productIds());
        ordersPlaced.inc();
        return placed.result();
    }

    private Placed place(Handle tx, AuthenticatedUser buyer, String idempotencyKey, String fingerprint,
                         CheckoutRequest request) {
        // Before any lock or write: a refusal takes none and leaves the key, the cart and the stock as they were.
        verifiedEmail.require(tx, buyer);
        long userId = buyer.id();
        if (idempotencyKey != null) {
            keys.claim(tx, userId, idempotencyKey, fingerprint);
        }
        PostalAddress shipTo = shipping.resolve(tx, userId, request);
        List<CartItem> items = cart.lockItems(tx, userId);
        if (items.isEmpty()) {
            throw ApiException.conflict("The cart is empty", List.of());
        }
        Map<Long, Integer> quantities = new TreeMap<>();
        items.forEach(item -> quantities.put(item.productId(), item.quantity()));
        // Emptied now rather than after the inserts: its rows are already locked, and every statement
        // moved ahead of the stock decrements shortens the time the products' rows stay locked, which
        // is what concurrent buyers of one product wait for.
        // Only the lines read and locked above: at READ COMMITTED a line added meanwhile is possible,
        // is not in this order, and stays in the cart.
        cart.removeLocked(tx, userId, quantities.keySet());
        int itemCount = quantities.values().stream().mapToInt(Integer::intValue).sum();
        pendingCap.check(tx, userId, itemCount);

        List<Long> shortIds = inventory.reserve(tx, quantities);
        if (!shortIds.isEmpty()) {
            throw new OutOfStockException(shortIds.stream().sorted()
                    .map(id -> new ShortProduct(id, quantities.get(id))).toList());
        }
        // Read after the decrements, on this transaction: these rows are now locked by it, so the
        // names and prices are those of the very rows whose stock it took.
        Map<Long, ProductView> products = catalog.findAll(tx, quantities.keySet());
        List<OrderItemRow> lines = priceLines(items, products);
        BigDecimal total = lines.stream().map(OrderItemRow::lineTotal).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        if (total.compareTo(MAX_TOTAL) > 0) {
            throw ApiException.unprocessable("The order total is larger than an order can hold; split the cart",
                    List.of(new FieldProblem("total", "must be at most " + MAX_TOTAL.toPlainString())));
        }
        if (request.expectedTotal() != null && request.expectedTotal().compareTo(total) != 0) {
            throw ApiException.conflict("The order total is not the expected total; prices have changed",
                    List.of(new TotalMismatch(request.expectedTotal(), total)));
        }

        OrderPlacementDao orders = tx.attach(OrderPlacementDao.class);
        LocalDateTime now = storedTimes.storable(tx, LocalDateTime.now(clock));
        // The payment intent and the address are columns of the order row: they cost checkout no statement.
        OrderPayment payment = OrderPayment.create();
        long orderId = orders.insert(now, userId, OrderStatus.PENDING, total, CURRENCY, itemCount, payment, shipTo);
        List<OrderItemRow> written = lines.stream().map(line -> new OrderItemRow(orderId, line.productId(),
                line.productName(), line.unitPrice(), line.quantity(), line.lineTotal())).toList();
        orders.insertItems(written);
        inventory.recordSale(tx, orderId, quantities);
        mails.placed(tx, userId, orderId, total, CURRENCY, written, shipTo);

        // Exactly what GET /orders/{id} will read: the values were written as they are here (times at
        // the precision the database keeps, money at scale 2 like the DECIMAL columns, lines in
        // product id order like the cart lock and the items query), so no read-back is needed.
        OrderRow row = new OrderRow(orderId, userId, OrderStatus.PENDING, total, CURRENCY, NOTHING_REFUNDED, itemCount, now, now,
                payment, shipTo, null);
        CheckoutResult result = new CheckoutResult(201, toJson(OrderView.of(row, written)), orderId, false);
        if (idempotencyKey != null) {
            keys.complete(tx, userId, idempotencyKey, result);
        }
        return new Placed(result, quantities.keySet());
    }

    /** A committed checkout and the products whose cached copies it made stale. */
    private record Placed(CheckoutResult result, Set<Long> productIds) {
    }

    /** One order line per cart line, at the price read for this checkout; order id filled in after insert. */
    private static List<OrderItemRow> priceLines(Collection<CartItem> items, Map<Long, ProductView> products) {
        List<OrderItemRow> lines = new ArrayList<>();
        for (CartItem item : items) {
            ProductView product = products.get(item.productId());
            if (product == null) {
                // Cannot happen: the stock of every line was just taken from an active row this
                // transaction holds locked. Refuse rather than price an order line at nothing.
                throw new IllegalStateException("product " + item.productId() + " was reserved but not read");
            }
            BigDecimal unitPrice = product.price().setScale(2, RoundingMode.HALF_UP);
            BigDecimal lineTotal = unitPrice.multiply(BigDecimal.valueOf(item.quantity())).setScale(2, RoundingMode.HALF_UP);
            lines.add(new OrderItemRow(0, product.id(), product.name(), unitPrice, item.quantity(), lineTotal));
        }
        return lines;
    }

    private String toJson(OrderView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order view is always serialisable", e);
        }
    }
}
