package com.caddyshop.ops;

import com.caddyshop.platform.health.DrainSwitch;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code POST /tasks/drain[?wait=SECONDS]} on the admin port: {@code /health} turns 503 so HAProxy
 * takes the node out (after its "fall" checks); requests already in flight finish normally. With
 * {@code wait} the task returns once the application port has no request in flight (or the wait
 * ends), so a rolling update can stop the service right after it. {@code POST /tasks/resume} undoes it.
 */
public final class DrainTask extends Task {
    private static final long MAX_WAIT_SECONDS = 300;

    private final DrainSwitch drain;
    private final LongSupplier requestsInFlight;

    public DrainTask(DrainSwitch drain, LongSupplier requestsInFlight) {
        super("drain");
        this.drain = drain;
        this.requestsInFlight = requestsInFlight;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws InterruptedException {
        drain.drain();
        long waitSeconds = parameters.getOrDefault("wait", List.of("0")).stream().findFirst()
                .map(DrainTask::parseSeconds).orElse(0L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        // Polling a counter is the only signal Jetty's instrumentation gives; the pause is bounded.
        while (requestsInFlight.getAsLong() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        output.printf("draining: /health answers 503; requests in flight: %d%n", requestsInFlight.getAsLong());
    }

    private static long parseSeconds(String value) {
        try {
            return Math.max(0, Math.min(MAX_WAIT_SECONDS, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("wait must be a number of seconds");
        }
    }

    /** {@code POST /tasks/resume}: the node takes traffic again. */
    public static final class Resume extends Task {
        private final DrainSwitch drain;

        public Resume(DrainSwitch drain) {
            super("resume");
            this.drain = drain;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) {
            drain.resume();
            output.println("serving: /health answers from its checks again");
        }
    }
}
