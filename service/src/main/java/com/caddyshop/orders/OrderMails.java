package com.caddyshop.orders;

import com.caddyshop.addresses.PostalAddress;
import com.caddyshop.catalog.StockMovementKind;
import com.caddyshop.mail.Mail;
import com.caddyshop.mail.MailKind;
import com.caddyshop.mail.MailLanguage;
import com.caddyshop.mail.MailOutbox;
import com.caddyshop.mail.MailRecipients;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The customer's mail about an order, queued in the transaction of the change it reports (placed, paid, payment
 * failed, refunded, shipped, cancelled), so a change that rolls back, or is refused, mails nothing.
 */
final class OrderMails {
    /** Order times are UTC wall-clock values (see {@link OrderRow}); the mail says so. */
    private static final DateTimeFormatter HOLD_ENDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private final MailOutbox outbox;
    private final MailRecipients recipients;
    private final String linkBaseUrl;
    private final Duration hold;

    OrderMails(MailOutbox outbox, MailRecipients recipients, String linkBaseUrl, Duration hold) {
        this.outbox = outbox;
        this.recipients = recipients;
        this.linkBaseUrl = linkBaseUrl;
        this.hold = hold;
    }

    void placed(Handle tx, long userId, long orderId, BigDecimal total, String currency, List<OrderItemRow> lines,
                PostalAddress shipTo) {
        String items = lines.stream()
                .map(line -> line.quantity() + " x " + line.productName() + "  " + line.lineTotal().toPlainString())
                .collect(Collectors.joining("\n"));
        recipients.of(tx, userId).ifPresent(to -> outbox.queue(tx, new Mail(MailKind.ORDER_PLACED, to.email(),
                to.language(), Map.of("orderId", Long.toString(orderId), "items", items,
                "total", total.toPlainString(), "currency", currency,
                "holdMinutes", Long.toString(hold.toMinutes()), "shipTo", shipTo.label(), "link", link(orderId)))));
    }

    void cancelled(Handle tx, OrderRow order, StockMovementKind why) {
        recipients.of(tx, order.userId()).ifPresent(to -> outbox.queue(tx, new Mail(MailKind.ORDER_CANCELLED,
                to.email(), to.language(), Map.of("orderId", Long.toString(order.id()),
                "total", order.totalAmount().toPlainString(), "currency", order.currency(),
                "reason", reason(why, to.language()), "link", link(order.id())))));
    }

    void shipped(Handle tx, OrderRow order, String carrier, String trackingNumber) {
        recipients.of(tx, order.userId()).ifPresent(to -> outbox.queue(tx, new Mail(MailKind.ORDER_SHIPPED,
                to.email(), to.language(), Map.of("orderId", Long.toString(order.id()), "carrier", carrier,
                "trackingNumber", trackingNumber, "shipTo", order.shipping() == null ? "-" : order.shipping().label(),
                "link", link(order.id())))));
    }

    /** The order became PAID: by the provider's confirmation, or by an admin who recorded the payment by hand. */
    void paid(Handle tx, OrderRow order) {
        recipients.of(tx, order.userId()).ifPresent(to -> outbox.queue(tx, new Mail(MailKind.PAYMENT_RECEIVED,
                to.email(), to.language(), Map.of("orderId", Long.toString(order.id()),
                "total", order.totalAmount().toPlainString(), "currency", order.currency(), "link", link(order.id())))));
    }

    /** The provider reported a failed attempt; the order still holds its stock until the hold runs out. */
    void paymentFailed(Handle tx, OrderRow order) {
        String holdEnds = HOLD_ENDS.format(order.createdAt().plus(hold));
        recipients.of(tx, order.userId()).ifPresent(to -> outbox.queue(tx, new Mail(MailKind.PAYMENT_FAILED,
                to.email(), to.language(), Map.of("orderId", Long.toString(order.id()),
                "total", order.totalAmount().toPlainString(), "currency", order.currency(), "holdEnds", holdEnds,
                "link", link(order.id())))));
    }

    /** One refund (an admin's or the provider's): its amount, and what of the payment the customer still has paid. */
    void refunded(Handle tx, OrderRow order, Refunds.Recorded refund) {
        recipients.of(tx, order.userId()).ifPresent(to -> outbox.queue(tx, new Mail(MailKind.REFUND_ISSUED,
                to.email(), to.language(), Map.of("orderId", Long.toString(order.id()),
                "amount", refund.amount().toPlainString(), "currency", order.currency(),
                "total", order.totalAmount().toPlainString(),
                "refunded", refund.refundedTotal().toPlainString(),
                "remaining", order.totalAmount().subtract(refund.refundedTotal()).toPlainString(),
                "link", link(order.id())))));
    }

    private String link(long orderId) {
        return linkBaseUrl + "/orders/" + orderId;
    }

    /** The one sentence that differs between the ways an order ends. */
    static String reason(StockMovementKind why, MailLanguage language) {
        boolean zh = language == MailLanguage.ZH;
        return switch (why) {
            case EXPIRY -> zh ? "订单在付款期限内未付款，已自动取消。" : "It was not paid in time, so it was cancelled automatically.";
            case REFUND -> zh ? "本店已取消该订单，货款将退还给您。" : "The shop cancelled it; the amount you paid is refunded.";
            default -> zh ? "订单已按要求取消，未收取任何费用。" : "It was cancelled as requested; nothing was charged.";
        };
    }
}
