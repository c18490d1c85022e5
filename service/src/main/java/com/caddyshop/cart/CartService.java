package com.caddyshop.cart;

import com.caddyshop.catalog.CatalogService;
import com.caddyshop.catalog.ProductView;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The cart's rules: only active products, quantities 1..99 and not above the current stock, a bounded
 * number of lines. The stock check here is advisory (stock can drop after it); checkout's conditional
 * decrement is what actually prevents overselling.
 */
public final class CartService {
    static final int MAX_QUANTITY = 99;
    /** Bounds a checkout transaction to this many stock updates. */
    static final int MAX_LINES = 100;

    private final Jdbi jdbi;
    private final RetryableTransactions transactions;
    private final CatalogService catalog;

    public CartService(Jdbi jdbi, RetryableTransactions transactions, CatalogService catalog) {
        this.jdbi = jdbi;
        this.transactions = transactions;
        this.catalog = catalog;
    }

    public CartView view(long userId) {
        List<CartLine> lines = jdbi.withExtension(CartItemDao.class, dao -> dao.lines(userId));
        Map<Long, CartProduct> products = new HashMap<>();
        for (CartLine line : lines) {
            if (line.product() != null) {
                products.put(line.item().productId(), line.product());
            }
        }
        return CartView.of(lines.stream().map(CartLine::item).toList(), products);
    }

    public CartView setQuantity(long userId, long productId, int quantity) {
        ProductView product = catalog.find(productId)
                .orElseThrow(() -> ApiException.notFound("Product " + productId + " not found"));
        if (quantity > product.stock()) {
            throw ApiException.conflict("Not enough stock for product " + productId,
                    List.of(new StockLimit(productId, quantity, product.stock())));
        }
        // Two statements in autocommit mode, no transaction around them: the read and the upsert share
        // no snapshot or lock (see the check below), so START TRANSACTION and COMMIT would only be two
        // statements more per cart change. Next to a checkout's locks on the cart's key range the upsert
        // can be chosen as a deadlock victim, and then both run again.
        List<CartItem> items = transactions.inAutocommit(handle -> {
            CartItemDao dao = handle.attach(CartItemDao.class);
            List<CartItem> before = dao.items(userId);
            boolean newLine = before.stream().noneMatch(item -> item.productId() == productId);
            // Check-then-insert without a lock: two parallel requests may end one line above the
            // limit, which is harmless; the limit only keeps checkouts from growing without bound.
            if (newLine && before.size() >= MAX_LINES) {
                throw ApiException.conflict("The cart holds at most " + MAX_LINES + " different products", List.of());
            }
            dao.put(userId, productId, quantity);
            // The cart as this transaction leaves it, without reading it a second time.
            return withLine(before, new CartItem(productId, quantity));
        });
        // The product just checked is shown as it was checked (same price and stock in the answer as
        // in the decision); only the other lines need a read, and a one-line cart needs none.
        List<Long> others = items.stream().map(CartItem::productId).filter(id -> id != productId).toList();
        Map<Long, CartProduct> products = new HashMap<>();
        catalog.findAll(others).forEach((id, other) -> products.put(id, CartProduct.of(other)));
        products.put(productId, CartProduct.of(product));
        return CartView.of(items, products);
    }

    /** {@code items} (in product id order) with {@code line} replacing or joining them, still in that order. */
    static List<CartItem> withLine(List<CartItem> items, CartItem line) {
        List<CartItem> result = new ArrayList<>(items.size() + 1);
        boolean placed = false;
        for (CartItem item : items) {
            if (!placed && item.productId() >= line.productId()) {
                result.add(line);
                placed = true;
                if (item.productId() == line.productId()) {
                    continue;
                }
            }
            result.add(item);
        }
        if (!placed) {
            result.add(line);
        }
        return result;
    }

    /** Idempotent: removing a product that is not in the cart leaves the cart as it is. */
    public CartView remove(long userId, long productId) {
        // One statement: its own transaction.
        transactions.inAutocommit(handle -> handle.attach(CartItemDao.class).remove(userId, productId));
        return view(userId);
    }

    /** For checkout: the cart's lines, locked in the caller's transaction until it ends. */
    public List<CartItem> lockItems(Handle tx, long userId) {
        return tx.attach(CartItemDao.class).lockItems(userId);
    }

    /**
     * For checkout: removes the lines it locked ({@link #lockItems}) in the caller's transaction, so they
     * survive a failed order. Only those: a line added while the checkout ran is not in the order.
     */
    public void removeLocked(Handle tx, long userId, Collection<Long> productIds) {
        tx.attach(CartItemDao.class).removeLines(userId, productIds);
    }
}
