package com.caddyshop.mail;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox's figures as the gauges show them (the whole shop's; every node reads the same). Refreshed
 * in the background whether or not this node sends: without SMTP the backlog is exactly what must be
 * seen, and a Prometheus scrape never waits on the database.
 */
public final class OutboxBacklog {
    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicReference<OutboxFigures> latest = new AtomicReference<>(OutboxFigures.NONE);

    public OutboxBacklog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Reads the figures from the database, keeps them for the gauges and returns them. */
    public OutboxFigures refresh() {
        OutboxFigures figures = jdbi.withExtension(OutboxDao.class, outbox -> OutboxFigures.of(
                outbox.count(OutboxDao.QUEUED), outbox.count(OutboxDao.FAILED), outbox.oldestQueued(), clock.instant()));
        latest.set(figures);
        return figures;
    }

    /** As of the last refresh. */
    public OutboxFigures latest() {
        return latest.get();
    }
}
