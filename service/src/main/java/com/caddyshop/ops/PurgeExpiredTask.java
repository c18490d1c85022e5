package com.caddyshop.ops;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/purge-expired}: removes expired idempotency keys, old sessions and account tokens that are
 * expired or used (daily timer).
 */
public final class PurgeExpiredTask extends Task {
    private final ExpiredRows expiredRows;

    public PurgeExpiredTask(ExpiredRows expiredRows) {
        super("purge-expired");
        this.expiredRows = expiredRows;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        expiredRows.purge().forEach((table, rows) -> output.printf("%s: %d deleted%n", table, rows));
    }
}
