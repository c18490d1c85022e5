package com.caddyshop.orders;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/expire-holds} on the admin port: cancels the PENDING orders whose hold
 * ({@code ORDER_HOLD}) has run out, restocking them. A systemd timer calls it every few minutes.
 * Answers 500 when some order could not be expired, so the timer's unit shows the failure.
 */
public final class ExpireHoldsTask extends Task {
    private final HoldExpiry expiry;

    public ExpireHoldsTask(HoldExpiry expiry) {
        super("expire-holds");
        this.expiry = expiry;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        HoldExpiry.Result result = expiry.expireDue();
        output.printf("expired: %d, already settled: %d, failed: %d%n", result.expired(), result.alreadySettled(),
                result.failed());
        if (result.failed() > 0) {
            throw new IllegalStateException(result.failed() + " hold(s) could not be expired; see app.log");
        }
    }
}
