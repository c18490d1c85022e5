package com.caddyshop.orders;

import com.caddyshop.cart.CartItem;
import com.caddyshop.cart.CartService;
import com.caddyshop.catalog.CatalogService;
import com.caddyshop.catalog.ProductView;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.codahale.metrics.Counter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the caller's cart into an order. Everything that must hold together happens in ONE
 * transaction, retried whole by the platform on TiDB aborts and deadlocks: claim the idempotency
 * key, lock the cart, reserve stock (conditional decrements), insert the order and its items,
 * clear the cart, store the response. Any failure rolls all of it back: no order, no stock change,
 * the cart kept, the key free again. Locks are always taken in that order (key, cart, products by
 * ascending id, new order rows), so two checkouts cannot deadlock on each other.
 */
public final class CheckoutService {
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);

    private final RetryableTransactions transactions;
    private final CatalogService catalog;
    private final CartService cart;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;
    private final Clock clock;
    private final Counter ordersPlaced;
    private final Counter stockConflicts;

    CheckoutService(RetryableTransactions transactions, CatalogService catalog, CartService cart, IdempotencyKeys keys,
                    ObjectMapper json, Clock clock, Counter ordersPlaced, Counter stockConflicts) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.cart = cart;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
        this.ordersPlaced = ordersPlaced;
        this.stockConflicts = stockConflicts;
    }

    /** @param idempotencyKey the client's key, or {@code null} for a request without one */
    public CheckoutResult checkout(long userId, String idempotencyKey, CheckoutRequest request) {
        String fingerprint = RequestFingerprint.of(userId, request);
        if (idempotencyKey != null) {
            var earlier = keys.replay(userId, idempotencyKey, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        // Names and prices come from the database (findAll bypasses the cache), read just before the
        // transaction: reading them inside would need a second pooled connection while this one holds
        // row locks, and with every connection so held the pool would starve. The transaction then
        // checks that the locked cart matches this read.
        Map<Long, ProductView> products = catalog.findAll(cart.items(userId).stream().map(CartItem::productId).toList());
        CheckoutResult result;
        try {
            result = transactions.inTransaction(tx -> place(tx, userId, idempotencyKey, fingerprint, request, products));
        } catch (OutOfStockException shortage) {
            stockConflicts.inc();
            // The cart was accepted against a stock figure that is now wrong: drop any cached copy.
            catalog.evict(shortage.productIds());
            throw shortage;
        } catch (RuntimeException e) {
            if (idempotencyKey != null && IdempotencyKeys.isDuplicateKey(e)) {
                // A concurrent request with the same key won; answer as it did (or 422 for another body).
                LOG.info("checkout by user {} lost the race for its Idempotency-Key; answering with the winner's response", userId);
                return keys.replay(userId, idempotencyKey, fingerprint).orElseThrow(() -> ApiException.conflict(
                        "A request with this Idempotency-Key is being processed; retry shortly", List.of()));
            }
            throw e;
        }
        catalog.evict(products.keySet());
        ordersPlaced.inc();
        return result;
    }

    private CheckoutResult place(Handle tx, long userId, String idempotencyKey, String fingerprint,
                                 CheckoutRequest request, Map<Long, ProductView> products) {
        if (idempotencyKey != null) {
            keys.claim(tx, userId, idempotencyKey, fingerprint);
        }
        List<CartItem> items = cart.lockItems(tx, userId);
        if (items.isEmpty()) {
            throw ApiException.conflict("The cart is empty", List.of());
        }
        Map<Long, Integer> quantities = new TreeMap<>();
        items.forEach(item -> quantities.put(item.productId(), item.quantity()));

        List<Long> shortIds = catalog.reserveStock(tx, quantities);
        if (!shortIds.isEmpty()) {
            throw new OutOfStockException(shortIds.stream().sorted()
                    .map(id -> new ShortProduct(id, quantities.get(id))).toList());
        }
        List<OrderItemRow> lines = priceLines(items, products);
        BigDecimal total = lines.stream().map(OrderItemRow::lineTotal).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        if (request.expectedTotal() != null && request.expectedTotal().compareTo(total) != 0) {
            throw ApiException.conflict("The order total is not the expected total; prices have changed",
                    List.of(new TotalMismatch(request.expectedTotal(), total)));
        }

        OrderDao orders = tx.attach(OrderDao.class);
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        int itemCount = quantities.values().stream().mapToInt(Integer::intValue).sum();
        long orderId = orders.insert(now, userId, OrderStatus.PENDING, total, itemCount);
        orders.insertItems(lines.stream().map(line -> new OrderItemRow(orderId, line.productId(), line.productName(),
                line.unitPrice(), line.quantity(), line.lineTotal())).toList());
        cart.clear(tx, userId);

        OrderView view = OrderView.of(orders.find(orderId).orElseThrow(), orders.items(orderId));
        CheckoutResult result = new CheckoutResult(201, toJson(view), orderId, false);
        if (idempotencyKey != null) {
            keys.complete(tx, userId, idempotencyKey, result);
        }
        return result;
    }

    /** One order line per cart line, at the price read for this checkout; order id filled in after insert. */
    private static List<OrderItemRow> priceLines(Collection<CartItem> items, Map<Long, ProductView> products) {
        List<OrderItemRow> lines = new ArrayList<>();
        for (CartItem item : items) {
            ProductView product = products.get(item.productId());
            if (product == null) {
                // Added to the cart after the prices were read (stock was reserved, so it is active).
                throw ApiException.conflict("The cart changed during checkout; please retry", List.of());
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
