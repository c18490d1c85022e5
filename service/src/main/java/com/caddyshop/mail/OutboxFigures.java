package com.caddyshop.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The outbox as the last poll saw it (the whole shop's, not one node's): the gauges read these. */
public record OutboxFigures(long queued, long failed, double oldestQueuedAgeSeconds) {
    public static final OutboxFigures NONE = new OutboxFigures(0, 0, 0);

    static OutboxFigures of(long queued, long failed, Optional<Instant> oldest, Instant now) {
        double age = oldest.map(created -> Math.max(0, Duration.between(created, now).toMillis()) / 1000.0).orElse(0.0);
        return new OutboxFigures(queued, failed, age);
    }
}
