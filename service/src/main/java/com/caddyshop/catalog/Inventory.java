package com.caddyshop.catalog;

import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stock and its ledger. Stock changes only here, and every change appends its rows to
 * {@code inventory_ledger} in the same transaction, so a product's stock is always the sum of its
 * ledger (the consistency check verifies it). Orders reserve and give back within their own
 * transactions; admins adjust with a reason. Stock is never negative: decrements are conditional.
 * The caller evicts cached copies ({@link #evict}) after its transaction commits.
 */
public final class Inventory {
    /** The most units a product may hold, as product creation allows. */
    static final int MAX_STOCK = 1_000_000_000;

    private final Jdbi jdbi;
    private final RetryableTransactions transactions;
    private final ProductCache cache;

    Inventory(Jdbi jdbi, RetryableTransactions transactions, ProductCache cache) {
        this.jdbi = jdbi;
        this.transactions = transactions;
        this.cache = cache;
    }

    /**
     * Takes stock for every product within the caller's transaction, in ascending id order so that
     * concurrent checkouts lock rows in the same order and cannot deadlock each other. Returns the
     * ids that ran short (or are inactive or unknown); empty means all were reserved. On a non-empty
     * result the caller must roll back: the products that did not run short were decremented.
     * The ledger rows follow with {@link #recordSale} once the order has its id.
     */
    public List<Long> reserve(Handle tx, Map<Long, Integer> quantities) {
        StockDao dao = tx.attach(StockDao.class);
        List<Long> shortIds = new ArrayList<>();
        for (Map.Entry<Long, Integer> line : ascending(quantities).entrySet()) {
            if (dao.takeStock(line.getKey(), line.getValue()) == 0) {
                shortIds.add(line.getKey());
            }
        }
        return shortIds;
    }

    /** The ledger rows of a reservation: one statement for the whole order. */
    public void recordSale(Handle tx, long orderId, Map<Long, Integer> quantities) {
        List<LedgerEntry> entries = new ArrayList<>(quantities.size());
        ascending(quantities).forEach((productId, quantity) ->
                entries.add(new LedgerEntry(productId, -quantity, StockMovementKind.ORDER, orderId, null, null)));
        appendAll(tx, entries);
    }

    /**
     * Gives an order's stock back within the caller's transaction (also to products deactivated since),
     * with one ledger row per product saying why.
     *
     * @param actorId the admin who caused it, or {@code null} (the customer, or the hold's expiry)
     */
    public void release(Handle tx, long orderId, Map<Long, Integer> quantities, StockMovementKind kind, Long actorId) {
        StockDao dao = tx.attach(StockDao.class);
        List<LedgerEntry> entries = new ArrayList<>(quantities.size());
        ascending(quantities).forEach((productId, quantity) -> {
            dao.returnStock(productId, quantity);
            entries.add(new LedgerEntry(productId, quantity, kind, orderId, actorId, null));
        });
        appendAll(tx, entries);
    }

    /** One INSERT for the rows; none for no rows (a multi-row INSERT needs at least one). */
    private static void appendAll(Handle tx, List<LedgerEntry> entries) {
        if (!entries.isEmpty()) {
            tx.attach(InventoryLedgerDao.class).append(entries);
        }
    }

    /** A new product's stock, in the transaction that creates it. */
    void open(Handle tx, long productId, int stock, long adminId) {
        if (stock > 0) {
            tx.attach(InventoryLedgerDao.class).appendOne(
                    new LedgerEntry(productId, stock, StockMovementKind.OPENING, null, adminId, "initial stock"));
        }
    }

    /**
     * An admin adds (or, with a negative delta, removes) units: 404 for a product that is not active,
     * 409 when the stock would go below 0 or above {@value #MAX_STOCK}.
     */
    public StockAdjusted adjust(long productId, int delta, String reason, long adminId) {
        if (delta == 0) {
            throw ApiException.unprocessable("Validation failed",
                    List.of(new FieldProblem("delta", "must not be 0")));
        }
        StockAdjusted adjusted = transactions.inTransaction(tx -> {
            ProductDao products = tx.attach(ProductDao.class);
            if (products.adjustStock(productId, delta, MAX_STOCK) == 0) {
                int stock = products.activeStock(productId).orElseThrow(() -> CatalogService.productNotFound(productId));
                throw ApiException.conflict("The stock of product " + productId + " would leave 0.." + MAX_STOCK,
                        List.of(new StockOutOfRange(productId, stock, delta)));
            }
            InventoryLedgerDao ledger = tx.attach(InventoryLedgerDao.class);
            long id = ledger.appendOne(new LedgerEntry(productId, delta, StockMovementKind.ADJUSTMENT, null, adminId, reason));
            return new StockAdjusted(ledger.find(id), products.activeStock(productId).orElseThrow());
        });
        evict(List.of(productId));
        return adjusted;
    }

    /** A product's ledger, newest first; 404 for a product that never existed. */
    public StockMovementPage movements(long productId, LedgerCursor after, int size) {
        return jdbi.inTransaction(handle -> {
            if (!handle.attach(ProductDao.class).exists(productId)) {
                throw CatalogService.productNotFound(productId);
            }
            InventoryLedgerDao ledger = handle.attach(InventoryLedgerDao.class);
            // One row more than asked tells whether a next page exists.
            List<StockMovement> rows = after == null ? ledger.newest(productId, size + 1)
                    : ledger.olderThan(productId, after.createdAtText(), after.id(), size + 1);
            if (rows.size() <= size) {
                return new StockMovementPage(rows, null);
            }
            List<StockMovement> page = rows.subList(0, size);
            return new StockMovementPage(List.copyOf(page), LedgerCursor.after(page.get(size - 1)).encode());
        });
    }

    /** Drops cached copies of these products; call after the transaction that moved their stock committed. */
    public void evict(Collection<Long> ids) {
        cache.invalidate(ids);
    }

    private static TreeMap<Long, Integer> ascending(Map<Long, Integer> quantities) {
        TreeMap<Long, Integer> sorted = new TreeMap<>();
        quantities.forEach((id, quantity) -> {
            if (id == null || quantity == null || quantity <= 0) {
                throw new IllegalArgumentException("quantities must be positive, got " + quantity + " for " + id);
            }
            sorted.put(id, quantity);
        });
        return sorted;
    }
}
