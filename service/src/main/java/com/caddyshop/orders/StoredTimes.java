package com.caddyshop.orders;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Handle;

/**
 * The precision a bound {@code DATETIME(3)} value keeps in this database. Connector/J sends fractional
 * seconds only to servers whose version it believes supports them (5.6.4 and later); MariaDB 10.x
 * introduces itself as "5.5.5-10.x" and so receives whole seconds, while TiDB ("8.0.11-TiDB-...")
 * keeps the milliseconds. Checkout answers with the times it wrote instead of reading the order
 * back, so it must write a value the database stores exactly: milliseconds where they survive,
 * whole seconds where they would be cut. The database is asked once, on first use.
 */
final class StoredTimes {
    /** A value with a fraction; whatever comes back says what the driver and server keep. */
    private static final LocalDateTime PROBE = LocalDateTime.of(2000, 1, 1, 0, 0, 0, 123_000_000);

    /** Null until the first probe; a race only probes twice with the same answer. */
    private volatile Boolean keepsMillis;

    /** {@code time} at the precision the database keeps, so that writing it and reading it back agree. */
    LocalDateTime storable(Handle handle, LocalDateTime time) {
        Boolean keeps = keepsMillis;
        if (keeps == null) {
            LocalDateTime back = handle.createQuery("SELECT CAST(:t AS DATETIME(3))")
                    .bind("t", PROBE).mapTo(LocalDateTime.class).one();
            keeps = PROBE.equals(back);
            keepsMillis = keeps;
        }
        return time.truncatedTo(keeps ? ChronoUnit.MILLIS : ChronoUnit.SECONDS);
    }
}
