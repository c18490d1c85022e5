package com.caddyshop.platform.db;

import org.apache.tomcat.jdbc.pool.DataSourceProxy;

/** A snapshot of the JDBC pool, for {@code /health/status}. */
public record DatabasePoolFigures(int max, int size, int active, int idle, int waiting) {
    public static DatabasePoolFigures of(DataSourceProxy pool) {
        return new DatabasePoolFigures(pool.getMaxActive(), pool.getSize(), pool.getActive(), pool.getIdle(),
                pool.getWaitCount());
    }
}
