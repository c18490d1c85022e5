package com.caddyshop.orders;

import com.caddyshop.catalog.Inventory;
import com.caddyshop.catalog.StockMovementKind;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Moves orders through {@link OrderStatus}. The check against the state machine uses the status
 * read at the start; the UPDATE repeats it as a condition (compare-and-set), so of two concurrent
 * transitions from the same status exactly one wins: a payment and the expiry of the same hold, a
 * customer's cancel and an admin's status change. A cancellation gives the stock back, with its
 * ledger rows, in the same transaction, so stock is restored exactly once; cancelling a PAID order
 * (admins only) also records the refund of what is left to refund there.
 */
public final class OrderTransitions {
    /** The statuses of an order whose money may go back: it was paid. */
    private static final Set<OrderStatus> REFUNDABLE = EnumSet.of(OrderStatus.PAID, OrderStatus.SHIPPED,
            OrderStatus.DELIVERED);
    private final RetryableTransactions transactions;
    private final Inventory inventory;
    private final Clock clock;
    private final OrderMails mails;

    OrderTransitions(RetryableTransactions transactions, Inventory inventory, OrderMails mails, Clock clock) {
        this.mails = mails;
        this.transactions = transactions;
        this.inventory = inventory;
        this.clock = clock;
    }

    /**
     * A customer cancels their own order, and only while it is PENDING: once paid, money must go back,
     * which is the shop's decision (an admin's cancel records the refund). Someone else's order is 404.
     */
    public OrderView cancel(long userId, long orderId) {
        return run(tx -> {
            OrderRow order = orders(tx).findOwned(orderId, userId).orElseThrow(() -> OrderQueries.notFound(orderId));
            if (order.status() != OrderStatus.PENDING) {
                throw ApiException.conflict("Only a PENDING order can be cancelled by its customer; "
                        + "the shop cancels and refunds a paid one", List.of(new IllegalTransition(order.status(),
                        OrderStatus.CANCELLED, EnumSet.noneOf(OrderStatus.class))));
            }
            return cancelAndRestock(tx, order, StockMovementKind.CANCEL, null);
        });
    }

    /** An admin moves any order; cancelling a PAID one refunds it. {@code reason} is kept with a refund. */
    public OrderView moveTo(long orderId, OrderStatus target, long adminId, String reason) {
        return run(tx -> {
            OrderRow order = orders(tx).find(orderId).orElseThrow(() -> OrderQueries.notFound(orderId));
            OrderStatus from = order.status();
            if (!from.canMoveTo(target)) {
                throw ApiException.conflict("Order " + orderId + " cannot go from " + from + " to " + target,
                        List.of(new IllegalTransition(from, target, from.next())));
            }
            if (target != OrderStatus.CANCELLED) {
                compareAndSet(tx, order, target);
                if (target == OrderStatus.PAID) {
                    // The shop recorded the payment itself (it came outside the provider): the customer hears of
                    // it as of a confirmed one. A provider's confirmation arriving later finds the order PAID and
                    // mails nothing more.
                    mails.paid(tx, order);
                }
                return new Changed(read(tx, orderId), Map.of());
            }
            if (from != OrderStatus.PAID) {
                return cancelAndRestock(tx, order, StockMovementKind.CANCEL, adminId);
            }
            return refund(tx, order, Refunds.Refund.byAdmin(adminId, reason, null));
        });
    }

    /**
     * An admin ships a PAID order with its carrier and tracking number; the customer is mailed both (through
     * the outbox, in the same transaction). 409 unless the order is PAID.
     */
    public OrderView ship(long orderId, ShipmentRequest shipment) {
        return run(tx -> {
            OrderRow order = orders(tx).find(orderId).orElseThrow(() -> OrderQueries.notFound(orderId));
            if (order.status() != OrderStatus.PAID) {
                throw ApiException.conflict("Only a PAID order can be shipped", List.of(new IllegalTransition(
                        order.status(), OrderStatus.SHIPPED, order.status().next())));
            }
            if (orders(tx).ship(order.id(), order.createdAt(), shipment.carrier(), shipment.trackingNumber(), now()) != 1) {
                throw changedConcurrently(orderId);
            }
            mails.shipped(tx, order, shipment.carrier(), shipment.trackingNumber());
            return new Changed(read(tx, orderId), Map.of());
        });
    }

    /**
     * An admin refunds a paid order, all that is left or {@code amount} of it (the money went back through the
     * provider's dashboard; this records it against the payment). Once the refunds add up to the total, a PAID
     * order is also cancelled and restocked; a shipped or delivered one keeps its status (the goods are a
     * return). 409 for an order that was never paid or is refunded already, 422 for more than is left.
     */
    public OrderView refund(long orderId, long adminId, String reason, BigDecimal amount) {
        return run(tx -> {
            OrderRow order = orders(tx).find(orderId).orElseThrow(() -> OrderQueries.notFound(orderId));
            if (!REFUNDABLE.contains(order.status())) {
                throw ApiException.conflict("Order " + orderId + " was not paid, so there is nothing to refund",
                        List.of());
            }
            return refund(tx, order, Refunds.Refund.byAdmin(adminId, reason, amount));
        });
    }

    /**
     * Cancels a PENDING order whose hold ran out and gives its stock back. False when it is no longer
     * PENDING: paid (or cancelled) meanwhile, which the compare-and-set lets win.
     */
    public boolean expire(long orderId) {
        Optional<Changed> expired = transactions.inTransaction(tx -> {
            Optional<OrderRow> order = orders(tx).find(orderId);
            if (order.isEmpty() || order.get().status() != OrderStatus.PENDING) {
                return Optional.empty();
            }
            return Optional.ofNullable(restockIfStill(tx, order.get(), StockMovementKind.EXPIRY, null));
        });
        expired.ifPresent(changed -> inventory.evict(changed.restocked().keySet()));
        return expired.isPresent();
    }

    /**
     * A refund of a paid (or shipped, or delivered) order recorded against its payment, in the caller's
     * transaction, and mailed to the customer there: the one place both an admin's and the provider's refunds
     * pass, so each refund is mailed once. When it completes the refund of a PAID order, the order is cancelled
     * and its stock comes back (ledger kind REFUND), which the cancellation mail reports as well. 409 if it
     * changed meanwhile. Call {@link #evictAfterCommit} once committed.
     */
    Changed refund(Handle tx, OrderRow order, Refunds.Refund refund) {
        Refunds.Recorded recorded = Refunds.record(tx, order, refund, now());
        mails.refunded(tx, order, recorded);
        if (recorded.complete() && order.status() == OrderStatus.PAID) {
            return cancelAndRestock(tx, order, StockMovementKind.REFUND, refund.adminId());
        }
        return new Changed(read(tx, order.id()), Map.of());
    }

    /** Cached stock of what a committed transition gave back is dropped. */
    void evictAfterCommit(Changed changed) {
        if (!changed.restocked().isEmpty()) {
            inventory.evict(changed.restocked().keySet());
        }
    }

    /** One transition in one retried transaction; cached stock is dropped once it committed. */
    private OrderView run(Transition transition) {
        Changed changed = transactions.inTransaction(transition::apply);
        evictAfterCommit(changed);
        return changed.order();
    }

    /** PENDING or PAID to CANCELLED, and the stock back with ledger rows of {@code kind}; 409 if it changed meanwhile. */
    private Changed cancelAndRestock(Handle tx, OrderRow order, StockMovementKind kind, Long actorId) {
        Changed changed = restockIfStill(tx, order, kind, actorId);
        if (changed == null) {
            throw changedConcurrently(order.id());
        }
        return changed;
    }

    /** As {@link #cancelAndRestock}, but {@code null} when the compare-and-set finds the order changed. */
    private Changed restockIfStill(Handle tx, OrderRow order, StockMovementKind kind, Long actorId) {
        if (!compareAndSetIfStill(tx, order, OrderStatus.CANCELLED)) {
            return null;
        }
        OrderDao orders = orders(tx);
        List<OrderItemRow> items = orders.items(order.id());
        Map<Long, Integer> restocked = new TreeMap<>();
        items.forEach(item -> restocked.merge(item.productId(), item.quantity(), Integer::sum));
        inventory.release(tx, order.id(), restocked, kind, actorId);
        mails.cancelled(tx, order, kind);
        return new Changed(OrderView.of(orders.find(order.id()).orElseThrow(), items), restocked);
    }

    private void compareAndSet(Handle tx, OrderRow order, OrderStatus target) {
        if (!compareAndSetIfStill(tx, order, target)) {
            throw changedConcurrently(order.id());
        }
    }

    private boolean compareAndSetIfStill(Handle tx, OrderRow order, OrderStatus target) {
        return orders(tx).transition(order.id(), order.createdAt(), order.status(), target, now()) == 1;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }

    private static OrderView read(Handle tx, long orderId) {
        OrderDao orders = orders(tx);
        return OrderView.of(orders.find(orderId).orElseThrow(), orders.items(orderId));
    }

    private static OrderDao orders(Handle tx) {
        return tx.attach(OrderDao.class);
    }

    private static ApiException changedConcurrently(long orderId) {
        return ApiException.conflict("Order " + orderId + " was changed concurrently; reload it and retry", List.of());
    }

    /** The body of one transition's transaction. */
    @FunctionalInterface
    private interface Transition {
        Changed apply(Handle tx);
    }

    /** A transition's result, and the products whose stock it gave back (to evict after commit). */
    record Changed(OrderView order, Map<Long, Integer> restocked) {
    }
}
