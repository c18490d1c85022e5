package com.caddyshop.platform.health;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/** Borrows a pooled connection and runs one trivial query. */
public final class DatabaseHealthCheck extends HealthCheck {
    private final Jdbi jdbi;
    private final int queryTimeoutSeconds;

    public DatabaseHealthCheck(Jdbi jdbi, int queryTimeoutSeconds) {
        this.jdbi = jdbi;
        this.queryTimeoutSeconds = Math.max(1, queryTimeoutSeconds);
    }

    @Override
    protected Result check() {
        int one = jdbi.withHandle(handle -> handle.createQuery("SELECT 1")
                .setQueryTimeout(queryTimeoutSeconds)
                .mapTo(Integer.class)
                .one());
        return one == 1 ? Result.healthy() : Result.unhealthy("unexpected answer to SELECT 1");
    }
}
