package com.caddyshop.ops;

import com.caddyshop.accounts.AccountTokens;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.db.LongStatements;
import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Registers the admin-port tasks operators and systemd timers call. */
public final class OpsFeature {
    /** Jetty's counter of requests in flight on the application port. */
    static final String ACTIVE_REQUESTS = "io.dropwizard.jetty.MutableServletContextHandler.active-requests";
    /** The bound of the tasks' whole-table statements: within the timer's 15-minute curl, above any request's. */
    static final Duration LONG_STATEMENTS = Duration.ofMinutes(10);

    private OpsFeature() {
    }

    public static void register(Environment environment, Platform platform, AccountTokens accountTokens) {
        Clock clock = Clock.systemUTC();
        // Looked up at call time: Jetty registers its counter only when the server is built.
        environment.admin().addTask(new DrainTask(platform.drain(), () -> {
            Counter active = environment.metrics().getCounters().get(ACTIVE_REQUESTS);
            return active == null ? 0 : active.getCount();
        }));
        environment.admin().addTask(new DrainTask.Resume(platform.drain()));
        AtomicLong problems = new AtomicLong();
        environment.metrics().register("caddy.consistency.problems", (Gauge<Long>) problems::get);
        LongStatements longStatements = new LongStatements(platform.jdbi(), platform.sessionLimits(), LONG_STATEMENTS);
        environment.admin().addTask(new ConsistencyCheckTask(new ConsistencyCheck(platform.jdbi(), longStatements,
                environment.getObjectMapper(), clock), environment.getObjectMapper(), problems));
        environment.admin().addTask(new EnsurePartitionsTask(new OrderPartitions(platform.jdbi(), longStatements, clock)));
        environment.admin().addTask(new PurgeExpiredTask(new ExpiredRows(platform.jdbi(), accountTokens, clock)));
    }
}
