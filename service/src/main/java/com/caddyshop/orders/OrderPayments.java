package com.caddyshop.orders;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a payment provider's report does to the order it names by payment intent, in the caller's
 * transaction (the webhook's, which claims the event id first: a second delivery of an event never gets here,
 * and a refused one rolls back with the mail queued here): a success makes a PENDING order PAID, a
 * failure marks the payment FAILED and leaves the order PENDING (the customer may pay again until the hold
 * runs out), each mailed to the customer; a refund of a paid order (part or all of what is left) records the
 * refund against the payment and mails it, and, once the refunds add up to the total while the goods have not
 * left (PAID), cancels the order and restocks it. Every change is a compare-and-set on the status read, so
 * an expiry or an admin racing the event makes it fail with 409 and the provider delivers it again later.
 */
public final class OrderPayments {
    private static final Logger LOG = LoggerFactory.getLogger(OrderPayments.class);

    /** The provider's report about a payment. */
    public enum Report {
        SUCCEEDED,
        FAILED,
        REFUNDED
    }

    /** What the report did: changed something, found it done already, or did not fit the order. */
    public enum Effect {
        APPLIED,
        ALREADY_APPLIED,
        NOT_APPLICABLE
    }

    /** A report's effect, and the stock it gave back (evicted from the catalog's cache after commit). */
    public static final class Applied {
        private final Effect effect;
        private final long orderId;
        private final OrderTransitions.Changed restock;

        private Applied(Effect effect, long orderId, OrderTransitions.Changed restock) {
            this.effect = effect;
            this.orderId = orderId;
            this.restock = restock;
        }

        public Effect effect() {
            return effect;
        }

        public long orderId() {
            return orderId;
        }
    }

    private final OrderTransitions transitions;
    private final OrderMails mails;
    private final Clock clock;

    OrderPayments(OrderTransitions transitions, OrderMails mails, Clock clock) {
        this.transitions = transitions;
        this.mails = mails;
        this.clock = clock;
    }

    /**
     * Applies a report; 404 when no order has the intent, 422 when the currency is not the order's, a payment's
     * amount not its total or a refund's more than is left to refund (nothing changes in either case), 409 when
     * the order changed concurrently. A refund report's amount is that refund's, which may be part of the total.
     */
    public Applied apply(Handle tx, Report report, String intent, BigDecimal amount, String currency, String eventId) {
        OrderRow order = tx.attach(OrderDao.class).findByPaymentIntent(intent)
                .orElseThrow(() -> ApiException.notFound("No order has payment intent " + intent));
        if (!order.currency().equals(currency)) {
            throw ApiException.unprocessable("The currency is not the order's", List.of(new FieldProblem(
                    "data.currency", "must be the order's currency, " + order.currency())));
        }
        if (report != Report.REFUNDED && amount.compareTo(order.totalAmount()) != 0) {
            throw ApiException.unprocessable("The amount is not the order's total", List.of(new FieldProblem(
                    "data.amount", "must be the order's total, " + order.totalAmount().toPlainString() + " "
                    + order.currency())));
        }
        PaymentStatus payment = order.payment().status();
        return switch (report) {
            case SUCCEEDED -> succeeded(tx, order, payment);
            case FAILED -> failed(tx, order, payment);
            case REFUNDED -> refunded(tx, order, payment, eventId, amount);
        };
    }

    /** Once the report's transaction committed: the catalog forgets the stock a refund gave back. */
    public void afterCommit(Applied applied) {
        if (applied.restock != null) {
            transitions.evictAfterCommit(applied.restock);
        }
    }

    private Applied succeeded(Handle tx, OrderRow order, PaymentStatus payment) {
        if (payment == PaymentStatus.SUCCEEDED || payment == PaymentStatus.PARTIALLY_REFUNDED
                || payment == PaymentStatus.REFUNDED) {
            return done(order, Effect.ALREADY_APPLIED);
        }
        if (order.status() == OrderStatus.CANCELLED) {
            // The hold ran out (or the customer cancelled) before the money arrived: staff must give it back.
            LOG.warn("order {} was paid after it was cancelled (payment intent {}): refund the customer",
                    order.id(), order.payment().intent());
            return done(order, Effect.NOT_APPLICABLE);
        }
        // PENDING becomes PAID; an order an admin already moved on by hand keeps its status (and was mailed then).
        boolean becomesPaid = order.status() == OrderStatus.PENDING;
        move(tx, order, becomesPaid ? OrderStatus.PAID : order.status(), PaymentStatus.SUCCEEDED);
        if (becomesPaid) {
            mails.paid(tx, order);
        }
        return done(order, Effect.APPLIED);
    }

    private Applied failed(Handle tx, OrderRow order, PaymentStatus payment) {
        if (payment == PaymentStatus.FAILED) {
            return done(order, Effect.ALREADY_APPLIED);
        }
        if (order.status() != OrderStatus.PENDING || payment != PaymentStatus.REQUIRES_PAYMENT) {
            // A late report of an earlier attempt: the order was paid or has ended meanwhile.
            return done(order, Effect.NOT_APPLICABLE);
        }
        move(tx, order, OrderStatus.PENDING, PaymentStatus.FAILED);
        mails.paymentFailed(tx, order);
        return done(order, Effect.APPLIED);
    }

    private Applied refunded(Handle tx, OrderRow order, PaymentStatus payment, String eventId, BigDecimal amount) {
        if (payment == PaymentStatus.REFUNDED) {
            return done(order, Effect.ALREADY_APPLIED);
        }
        if (payment != PaymentStatus.SUCCEEDED && payment != PaymentStatus.PARTIALLY_REFUNDED) {
            LOG.warn("refund reported for order {} whose payment is {}", order.id(), payment);
            return done(order, Effect.NOT_APPLICABLE);
        }
        // The refund's amount: part or all of what is left (more is refused with 422, nothing written). Once the
        // refunds add up to the total, a PAID order is cancelled and restocked; shipped goods are a return.
        OrderTransitions.Changed changed = transitions.refund(tx, order, Refunds.Refund.byProvider(eventId, amount));
        return new Applied(Effect.APPLIED, order.id(), changed);
    }

    private void move(Handle tx, OrderRow order, OrderStatus to, PaymentStatus toPayment) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        if (tx.attach(OrderDao.class).paymentTransition(order.id(), order.createdAt(), order.status(),
                order.payment().status(), to, toPayment, now) != 1) {
            throw ApiException.conflict("Order " + order.id() + " changed concurrently; deliver the event again", List.of());
        }
    }

    private static Applied done(OrderRow order, Effect effect) {
        return new Applied(effect, order.id(), null);
    }
}
