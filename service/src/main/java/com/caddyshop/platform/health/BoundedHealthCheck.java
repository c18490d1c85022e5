package com.caddyshop.platform.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a health check on its own thread and gives up after a deadline, so a hung database or Redis
 * answers "unhealthy" within the timeout instead of holding the caller. Concurrent callers share
 * one probe in flight: a slow dependency never piles up probe threads, however often HAProxy asks.
 */
public final class BoundedHealthCheck extends HealthCheck {
    private final String name;
    private final HealthCheck delegate;
    private final ExecutorService executor;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Probe>> inFlight = new AtomicReference<>();
    private volatile Probe last;

    public BoundedHealthCheck(String name, HealthCheck delegate, ExecutorService executor, Duration timeout) {
        this(name, delegate, executor, timeout, Clock.systemUTC());
    }

    BoundedHealthCheck(String name, HealthCheck delegate, ExecutorService executor, Duration timeout, Clock clock) {
        this.name = name;
        this.delegate = delegate;
        this.executor = executor;
        this.timeout = timeout;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    /** Runs (or joins) a probe and waits at most the timeout for it. */
    public Probe probe() {
        CompletableFuture<Probe> future = inFlight.get();
        if (future == null) {
            CompletableFuture<Probe> fresh = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, fresh)) {
                start(fresh);
                future = fresh;
            } else {
                future = inFlight.get();
            }
        }
        Probe probe;
        try {
            probe = future == null ? probe() : future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            probe = new Probe(HealthCheck.Result.unhealthy("no answer within " + timeout.toMillis() + " ms"),
                    timeout.toMillis(), clock.millis());
        } catch (ExecutionException e) {
            probe = new Probe(HealthCheck.Result.unhealthy(e.getCause()), timeout.toMillis(), clock.millis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe = new Probe(HealthCheck.Result.unhealthy("interrupted"), 0, clock.millis());
        }
        last = probe;
        return probe;
    }

    private void start(CompletableFuture<Probe> future) {
        try {
            executor.execute(() -> {
                long started = System.nanoTime();
                HealthCheck.Result result = delegate.execute();
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                inFlight.compareAndSet(future, null);
                future.complete(new Probe(result, elapsedMs, clock.millis()));
            });
        } catch (RuntimeException rejected) {
            inFlight.compareAndSet(future, null);
            future.completeExceptionally(rejected);
        }
    }

    /** The latest finished probe, or a fresh one when the last is older than {@code maxAge}. */
    public Probe latest(Duration maxAge) {
        Probe known = last;
        if (known == null || clock.millis() - known.finishedAtMillis() > maxAge.toMillis()) {
            return probe();
        }
        return known;
    }

    @Override
    protected Result check() {
        return probe().result();
    }

    /** One probe's outcome and how long it took. */
    public record Probe(HealthCheck.Result result, long latencyMillis, long finishedAtMillis) {
        public boolean healthy() {
            return result.isHealthy();
        }
    }
}
