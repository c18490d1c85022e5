package com.caddyshop.platform;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background job a node repeats every {@code interval} on a daemon thread of its own, managed with the
 * server. A failed round (the database away, say) is logged and the next round simply tries again, so one
 * bad round never ends the job.
 */
public final class Periodic implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Duration interval;
    private final Duration stopGrace;
    private final Runnable job;
    private ScheduledExecutorService scheduler;

    /** @param stopGrace how long {@link #stop()} lets a running round finish before interrupting it */
    public Periodic(String name, Duration interval, Duration stopGrace, Runnable job) {
        this.name = name;
        this.interval = interval;
        this.stopGrace = stopGrace;
        this.job = job;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
            scheduler.shutdownNow();
        }
    }

    private void runQuietly() {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed, next round in {}: {}", name, interval, e.toString());
        }
    }
}
