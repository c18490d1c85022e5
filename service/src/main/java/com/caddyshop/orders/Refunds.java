package com.caddyshop.orders;

import com.caddyshop.platform.errors.ApiException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Records the refund of an order against its payment, in the caller's transaction: the refund row (the
 * whole total; an order is refunded at most once, the key says so) and the payment's status.
 */
final class Refunds {
    private Refunds() {
    }

    /** Who refunded and why: an admin with a reason, or the provider's event. */
    record Refund(RefundSource source, Long adminId, String providerEventId, String reason) {
        static Refund byAdmin(long adminId, String reason) {
            return new Refund(RefundSource.ADMIN, adminId, null, reason);
        }

        static Refund byProvider(String eventId) {
            return new Refund(RefundSource.PROVIDER, null, eventId, null);
        }
    }

    static void record(Handle tx, OrderRow order, Refund refund) {
        OrderRefundDao refunds = tx.attach(OrderRefundDao.class);
        if (refunds.find(order.id()).isPresent()) {
            throw ApiException.conflict("Order " + order.id() + " was refunded already", List.of());
        }
        String intent = order.payment() == null ? null : order.payment().intent();
        refunds.insert(order.id(), order.userId(), order.totalAmount(), order.currency(), intent, refund.source(),
                refund.adminId(), refund.providerEventId(), refund.reason());
        if (intent != null) {
            tx.attach(OrderDao.class).setPaymentStatus(order.id(), order.createdAt(), PaymentStatus.REFUNDED);
        }
    }
}
