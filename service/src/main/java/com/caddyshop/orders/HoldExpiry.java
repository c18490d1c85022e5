package com.caddyshop.orders;

import com.codahale.metrics.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the holds of unpaid orders: every PENDING order placed more than {@code ORDER_HOLD} ago is
 * cancelled through the same compare-and-set as any transition, which gives its stock back (ledger
 * kind EXPIRY). A payment that lands first wins, and the order is left alone. Orders are taken oldest
 * first in batches, each in its own short transaction; a run ends at the first batch with a failure,
 * so an order that cannot be expired is retried by the next run rather than forever by this one.
 */
public final class HoldExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(HoldExpiry.class);
    static final int BATCH = 200;

    private final Jdbi jdbi;
    private final OrderTransitions transitions;
    private final Duration hold;
    private final Clock clock;
    private final Counter expiredCounter;

    HoldExpiry(Jdbi jdbi, OrderTransitions transitions, Duration hold, Clock clock, Counter expiredCounter) {
        this.jdbi = jdbi;
        this.transitions = transitions;
        this.hold = hold;
        this.clock = clock;
        this.expiredCounter = expiredCounter;
    }

    /** Expires every hold that has run out by now. */
    public Result expireDue() {
        LocalDateTime cutoff = LocalDateTime.now(clock).minus(hold);
        int expired = 0;
        int settled = 0;
        int failed = 0;
        List<OrderRow> due;
        do {
            due = jdbi.withExtension(OrderDao.class, dao -> dao.pendingPlacedBefore(cutoff, BATCH));
            for (OrderRow order : due) {
                try {
                    if (transitions.expire(order.id())) {
                        expired++;
                        expiredCounter.inc();
                    } else {
                        settled++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    LOG.warn("could not expire the hold of order {}; the next run tries again", order.id(), e);
                }
            }
        } while (due.size() == BATCH && failed == 0);
        return new Result(expired, settled, failed);
    }

    /** One run: holds ended, orders paid or cancelled before their turn came, failures. */
    public record Result(int expired, int alreadySettled, int failed) {
    }
}
