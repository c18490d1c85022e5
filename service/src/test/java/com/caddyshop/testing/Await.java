package com.caddyshop.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits for a condition with a bound: the only way tests wait for servers or state to change. */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration bound, Condition condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        long pauseMs = 5;
        while (true) {
            boolean met;
            try {
                met = condition.met();
            } catch (Exception notYet) {
                met = false;
            }
            if (met) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound.toMillis() + " ms waiting for " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            pauseMs = Math.min(pauseMs * 2, 100);
        }
    }

    /** A check that may throw while the awaited state is not there yet. */
    @FunctionalInterface
    public interface Condition {
        boolean met() throws Exception;
    }
}
