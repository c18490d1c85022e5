package com.caddyshop.catalog;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@code POST /tasks/cache-flush} on the admin port: drops every catalog entry of this database
 * from Redis (products, missing-id markers, list pages), for instance after data was changed
 * behind the service's back (a restore, a manual SQL fix). SCAN + UNLINK in batches, so Redis is
 * never blocked the way KEYS or FLUSHDB would block it, and other namespaces are untouched.
 */
final class CacheFlushTask extends Task {
    private static final int BATCH = 500;

    private final UnifiedJedis redis;
    private final String pattern;
    private final Runnable flushLocal;

    /** {@code flushLocal} empties this node's own copies (the near cache); other nodes' expire within their TTL. */
    CacheFlushTask(UnifiedJedis redis, String namespace, Runnable flushLocal) {
        super("cache-flush");
        this.redis = redis;
        this.pattern = "caddy:" + namespace + ":catalog:*";
        this.flushLocal = flushLocal;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        ScanParams params = new ScanParams().match(pattern).count(BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        long removed = 0;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                removed += redis.unlink(keys.toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        flushLocal.run();
        output.printf("catalog cache flushed: %d key(s) removed%n", removed);
    }
}
