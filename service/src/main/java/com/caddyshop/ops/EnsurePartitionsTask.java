package com.caddyshop.ops;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /tasks/ensure-partitions[?months=N]} (default 3): monthly {@code orders} partitions ahead of time. */
public final class EnsurePartitionsTask extends Task {
    private static final int DEFAULT_MONTHS = 3;

    private final OrderPartitions partitions;

    public EnsurePartitionsTask(OrderPartitions partitions) {
        super("ensure-partitions");
        this.partitions = partitions;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        int months = parameters.getOrDefault("months", List.of()).stream().findFirst()
                .map(value -> {
                    try {
                        return Integer.parseInt(value.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("months must be a whole number");
                    }
                })
                .orElse(DEFAULT_MONTHS);
        List<String> added = partitions.ensure(months);
        output.println(added.isEmpty() ? "partitions already in place" : "added partitions: " + String.join(", ", added));
    }
}
