package com.caddyshop.payments;

import com.codahale.metrics.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges {@code payment_events} rows received longer ago than the retention, in small batches; run in the
 * background by {@link PaymentsFeature} (as the mail outbox purges what it delivered). A row only has to
 * outlive the 5-minute signature tolerance (a replay older than that is refused as stale anyway) and the
 * provider's re-deliveries of the event (days), so the retention (30 days by default) keeps a month of deliveries for staff to read.
 * Every node purges; the DELETEs of two nodes simply find less to delete.
 */
final class PaymentEventRetention {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentEventRetention.class);
    static final int BATCH = 500;

    private final Jdbi jdbi;
    private final Duration retention;
    private final Clock clock;
    private final Counter purged;

    PaymentEventRetention(Jdbi jdbi, Duration retention, Clock clock, Counter purged) {
        this.jdbi = jdbi;
        this.retention = retention;
        this.clock = clock;
        this.purged = purged;
    }

    /** Deletes every event received before now minus the retention, a batch per statement; returns how many. */
    long purge() {
        LocalDateTime before = LocalDateTime.now(clock).minus(retention).truncatedTo(ChronoUnit.MILLIS);
        long total = 0;
        int deleted;
        do {
            deleted = jdbi.withExtension(PaymentEventDao.class, events -> events.purgeReceivedBefore(before, BATCH));
            total += deleted;
            purged.inc(deleted);
        } while (deleted == BATCH && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            LOG.info("purged {} payment events received before {} (retention {})", total, before, retention);
        }
        return total;
    }
}
