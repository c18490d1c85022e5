package com.caddyshop.platform.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database name from the JDBC URL, for Redis keys that belong to one database's rows (cached
 * products, account token generations): two databases sharing a Redis (staging next to production,
 * test apps in one JVM) must not read each other's.
 */
public final class DatabaseNamespace {
    private static final Pattern DATABASE_NAME = Pattern.compile("^jdbc:[a-z]+://[^/]*/([A-Za-z0-9_$-]+)");

    private DatabaseNamespace() {
    }

    public static String of(String jdbcUrl) {
        Matcher name = DATABASE_NAME.matcher(jdbcUrl);
        return name.find() ? name.group(1) : "default";
    }
}
