package com.caddyshop.payments;

import com.caddyshop.orders.OrderPayments;
import com.caddyshop.platform.db.DuplicateKey;
import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook delivery: the signature and its time are checked before the body is even parsed; then, in one
 * transaction, the event id is claimed in {@code payment_events} (a second delivery stops there with a
 * duplicate key), the report is applied to the order and the outcome stored. Any refusal rolls the whole
 * transaction back, so a refused delivery changes nothing. Of two deliveries of one event, the one whose
 * signing time is that of the delivery that applied it is the same signed request sent again (a replay,
 * refused with 409); another signing time is the provider delivering again (answered 200, nothing applied).
 */
final class PaymentWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhook.class);
    /** Providers' events are a few kilobytes; anything far larger is not one. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final Optional<WebhookSignature> signature;
    private final RetryableTransactions transactions;
    private final Jdbi jdbi;
    private final OrderPayments orders;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<WebhookOutcome, Meter> outcomes = new EnumMap<>(WebhookOutcome.class);

    PaymentWebhook(Optional<WebhookSignature> signature, RetryableTransactions transactions, Jdbi jdbi,
                   OrderPayments orders, ObjectMapper json, Clock clock, MetricRegistry metrics) {
        this.signature = signature;
        this.transactions = transactions;
        this.jdbi = jdbi;
        this.orders = orders;
        this.json = json;
        this.clock = clock;
        for (WebhookOutcome outcome : WebhookOutcome.values()) {
            outcomes.put(outcome, metrics.meter("caddy.payments.webhook." + outcome.label()));
        }
    }

    WebhookReceipt receive(String signatureHeader, byte[] body) {
        try {
            return handle(signatureHeader, body);
        } catch (RefusedDelivery refused) {
            outcomes.get(refused.outcome()).mark();
            LOG.info("payment webhook delivery refused: {} ({})", refused.outcome().label(), refused.getMessage());
            throw refused.answer();
        }
    }

    private WebhookReceipt handle(String signatureHeader, byte[] body) {
        WebhookSignature verifier = signature.orElseThrow(() -> new RefusedDelivery(WebhookOutcome.DISABLED,
                ApiException.busy("Payments are not configured on this node (PAYMENTS_WEBHOOK_SECRET)", 60)));
        if (body.length > MAX_BODY_BYTES) {
            throw new RefusedDelivery(WebhookOutcome.MALFORMED,
                    new ApiException(413, "A webhook event is at most " + MAX_BODY_BYTES + " bytes", List.of()));
        }
        long signedAt = verifier.verify(signatureHeader, body);
        PaymentEvent event = PaymentEvent.parse(json, body);
        Optional<OrderPayments.Report> report = event.report();
        if (report.isEmpty()) {
            return receipt(event, WebhookOutcome.IGNORED);
        }
        try {
            OrderPayments.Applied applied = transactions.inTransaction(tx -> {
                PaymentEventDao events = tx.attach(PaymentEventDao.class);
                events.insert(event.id(), event.type(), event.data().paymentIntent(), signedAt, now());
                OrderPayments.Applied result = orders.apply(tx, report.get(), event.data().paymentIntent(),
                        event.data().amount(), event.data().currency(), event.id());
                events.setOutcome(event.id(), outcomeOf(result.effect()));
                return result;
            });
            orders.afterCommit(applied);
            return receipt(event, outcomeOf(applied.effect()));
        } catch (ApiException refused) {
            throw new RefusedDelivery(switch (refused.status()) {
                case 404 -> WebhookOutcome.UNKNOWN_INTENT;
                case 422 -> WebhookOutcome.AMOUNT_MISMATCH;
                default -> WebhookOutcome.CONFLICT;
            }, refused);
        } catch (RuntimeException e) {
            if (!DuplicateKey.isCause(e)) {
                throw e;
            }
        }
        return again(event, signedAt);
    }

    /**
     * The event was applied before: the same signed delivery is a replay; a new signature is the provider retrying.
     * A refund event whose row the retention purged still collides on the refund it recorded: a re-delivery too.
     */
    private WebhookReceipt again(PaymentEvent event, long signedAt) {
        Optional<StoredEvent> found = jdbi.withExtension(PaymentEventDao.class, dao -> dao.find(event.id()));
        if (found.isEmpty()) {
            LOG.info("payment event {} was purged but its refund is recorded: a late re-delivery", event.id());
            return receipt(event, WebhookOutcome.DUPLICATE);
        }
        StoredEvent stored = found.get();
        if (stored.signedAt() == signedAt) {
            throw new RefusedDelivery(WebhookOutcome.REPLAYED, ApiException.conflict(
                    "This signed delivery of event " + event.id() + " was received before", List.of()));
        }
        return receipt(event, WebhookOutcome.DUPLICATE);
    }

    private static WebhookOutcome outcomeOf(OrderPayments.Effect effect) {
        return switch (effect) {
            case APPLIED -> WebhookOutcome.APPLIED;
            case ALREADY_APPLIED -> WebhookOutcome.ALREADY_APPLIED;
            case NOT_APPLICABLE -> WebhookOutcome.NOT_APPLICABLE;
        };
    }

    private WebhookReceipt receipt(PaymentEvent event, WebhookOutcome outcome) {
        outcomes.get(outcome).mark();
        return new WebhookReceipt(event.id(), outcome.label());
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
