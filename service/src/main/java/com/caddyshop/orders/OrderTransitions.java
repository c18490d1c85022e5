package com.caddyshop.orders;

import com.caddyshop.catalog.CatalogService;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Moves orders through {@link OrderStatus}. The check against the state machine uses the status
 * read at the start; the UPDATE repeats it as a condition, so of two concurrent transitions from
 * the same status exactly one wins and the other gets 409. Cancelling gives the stock back in the
 * same transaction, so stock is restored exactly once.
 */
public final class OrderTransitions {
    private final RetryableTransactions transactions;
    private final CatalogService catalog;
    private final Clock clock;

    OrderTransitions(RetryableTransactions transactions, CatalogService catalog, Clock clock) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A customer cancels their own order; someone else's is 404. */
    public OrderView cancel(long userId, long orderId) {
        return change(Optional.of(userId), orderId, OrderStatus.CANCELLED);
    }

    /** An admin moves any order. */
    public OrderView moveTo(long orderId, OrderStatus target) {
        return change(Optional.empty(), orderId, target);
    }

    private OrderView change(Optional<Long> owner, long orderId, OrderStatus target) {
        Changed changed = transactions.inTransaction(tx -> change(tx, owner, orderId, target));
        if (!changed.restocked().isEmpty()) {
            catalog.evict(changed.restocked().keySet());
        }
        return changed.order();
    }

    private Changed change(Handle tx, Optional<Long> owner, long orderId, OrderStatus target) {
        OrderDao orders = tx.attach(OrderDao.class);
        OrderRow order = (owner.isPresent() ? orders.findOwned(orderId, owner.get()) : orders.find(orderId))
                .orElseThrow(() -> OrderQueries.notFound(orderId));
        OrderStatus from = order.status();
        if (!from.canMoveTo(target)) {
            throw ApiException.conflict("Order " + orderId + " cannot go from " + from + " to " + target,
                    List.of(new IllegalTransition(from, target, from.next())));
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        if (orders.transition(orderId, order.createdAt(), from, target, now) == 0) {
            throw ApiException.conflict("Order " + orderId + " was changed concurrently; reload it and retry", List.of());
        }
        List<OrderItemRow> items = orders.items(orderId);
        Map<Long, Integer> restocked = new TreeMap<>();
        if (target == OrderStatus.CANCELLED) {
            items.forEach(item -> restocked.merge(item.productId(), item.quantity(), Integer::sum));
            catalog.releaseStock(tx, restocked);
        }
        OrderView view = OrderView.of(orders.find(orderId).orElseThrow(), items);
        return new Changed(view, restocked);
    }

    private record Changed(OrderView order, Map<Long, Integer> restocked) {
    }
}
