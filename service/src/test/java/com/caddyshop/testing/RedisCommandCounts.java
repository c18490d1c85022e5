package com.caddyshop.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.RedisClient;

/**
 * The commands Redis ran while a piece of code ran, from {@code INFO commandstats}. Redis counts the
 * commands a Lua script runs as well, so "one EVALSHA and one GET" means the GET ran inside the
 * script; a GET of the caller's own would make it two. Use a Redis of the test class's own.
 */
public final class RedisCommandCounts {
    private static final Pattern CALLS = Pattern.compile("(?m)^cmdstat_([a-z|]+):calls=(\\d+)");

    private RedisCommandCounts() {
    }

    public static Map<String, Long> during(RedisClient redis, Runnable work) {
        Map<String, Long> before = calls(redis);
        work.run();
        Map<String, Long> after = calls(redis);
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((command, count) -> {
            long more = count - before.getOrDefault(command, 0L);
            if (more > 0 && !command.equals("info")) { // the INFO taken before the work
                delta.put(command, more);
            }
        });
        return delta;
    }

    private static Map<String, Long> calls(RedisClient redis) {
        Map<String, Long> calls = new LinkedHashMap<>();
        Matcher line = CALLS.matcher(redis.info("commandstats"));
        while (line.find()) {
            calls.put(line.group(1), Long.parseLong(line.group(2)));
        }
        return calls;
    }
}
