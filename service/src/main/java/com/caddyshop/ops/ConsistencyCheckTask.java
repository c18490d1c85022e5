package com.caddyshop.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /tasks/consistency-check}: runs {@link ConsistencyCheck}, prints its report as JSON
 * and keeps the number of problems for the {@code caddy_consistency_problems} gauge. A daily
 * systemd timer calls it; the alert fires on the gauge, not on the timer's exit code.
 */
public final class ConsistencyCheckTask extends Task {
    private final ConsistencyCheck check;
    private final ObjectMapper json;
    private final AtomicLong lastProblems;

    public ConsistencyCheckTask(ConsistencyCheck check, ObjectMapper json, AtomicLong lastProblems) {
        super("consistency-check");
        this.check = check;
        this.json = json;
        this.lastProblems = lastProblems;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        ConsistencyCheck.Report report = check.run();
        lastProblems.set(report.problemCount());
        output.println(json.writeValueAsString(report));
    }
}
