package com.caddyshop.orders;

import com.caddyshop.platform.errors.ApiException;
import com.caddyshop.platform.errors.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Records a refund of an order against its payment, in the caller's transaction: a refund row and the order's
 * running sum and payment status (PARTIALLY_REFUNDED, or REFUNDED once the refunds add up to the total paid).
 * A refund is more than nothing and at most what is left; the sum is a compare-and-set, so two refunds racing
 * never give back more than was paid (the loser gets 409 and nothing of it is written).
 */
final class Refunds {
    private Refunds() {
    }

    /** Who refunds how much and why: an admin with a reason, or the provider's event; a null amount is all that is left. */
    record Refund(RefundSource source, Long adminId, String providerEventId, String reason, BigDecimal amount) {
        static Refund byAdmin(long adminId, String reason, BigDecimal amount) {
            return new Refund(RefundSource.ADMIN, adminId, null, reason, amount);
        }

        static Refund byProvider(String eventId, BigDecimal amount) {
            return new Refund(RefundSource.PROVIDER, null, eventId, null, amount);
        }

        /** The field a bad amount is reported on: the admin's request body or the provider's event. */
        private String amountField() {
            return source == RefundSource.ADMIN ? "amount" : "data.amount";
        }
    }

    /**
     * What one refund recorded: its amount (the rest of the order's when none was asked), the order's refunds in
     * all after it, and whether it completed the order's refund (everything paid is back).
     */
    record Recorded(BigDecimal amount, BigDecimal refundedTotal, boolean complete) {
    }

    static Recorded record(Handle tx, OrderRow order, Refund refund, LocalDateTime now) {
        BigDecimal left = order.totalAmount().subtract(order.refundedAmount());
        if (left.signum() <= 0) {
            throw ApiException.conflict("Order " + order.id() + " was refunded already", List.of());
        }
        BigDecimal amount = refund.amount() == null ? left : refund.amount();
        if (amount.signum() <= 0 || amount.compareTo(left) > 0) {
            throw ApiException.unprocessable("The refund is more than is left to refund", List.of(new FieldProblem(
                    refund.amountField(), "must be more than 0 and at most " + left.toPlainString() + " "
                    + order.currency() + " (paid " + order.totalAmount().toPlainString() + ", refunded "
                    + order.refundedAmount().toPlainString() + ")")));
        }
        BigDecimal after = order.refundedAmount().add(amount);
        boolean complete = after.compareTo(order.totalAmount()) == 0;
        String intent = order.payment() == null ? null : order.payment().intent();
        PaymentStatus payment = intent == null ? null
                : complete ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        if (tx.attach(OrderDao.class).addRefund(order.id(), order.createdAt(), order.refundedAmount(), after, payment,
                now) != 1) {
            throw ApiException.conflict("Order " + order.id() + " was refunded concurrently; reload it and retry",
                    List.of());
        }
        tx.attach(OrderRefundDao.class).insert(order.id(), order.userId(), amount, order.currency(), intent,
                refund.source(), refund.adminId(), refund.providerEventId(), refund.reason());
        return new Recorded(amount, after, complete);
    }
}
