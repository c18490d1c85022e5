package com.caddyshop.platform.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Concurrent callers asking for the same key on this node share one computation: when a popular
 * cached list page expires, one database query refills it while the other readers of that page
 * wait for its result, instead of every reader running the same costly query at once (a search
 * page's LIKE scan and COUNT). A failure reaches every caller that waited for it.
 */
public final class SingleFlight<K, V> {
    private final ConcurrentHashMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    public V get(K key, Supplier<V> compute) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            return join(theirs);
        }
        try {
            V value = compute.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    /**
     * Lets callers arriving from now on start a computation of their own instead of joining the one
     * running (which still completes for those already waiting): for a key whose data just changed.
     */
    public void forget(K key) {
        running.remove(key);
    }

    /** How many computations run now (observability for tests). */
    int running() {
        return running.size();
    }

    /** How many callers wait for the computation of {@code key} running now (observability for tests). */
    public int waitingFor(K key) {
        CompletableFuture<V> theirs = running.get(key);
        return theirs == null ? 0 : theirs.getNumberOfDependents();
    }

    /** How many callers wait, over every computation running now (observability for tests). */
    public int waiting() {
        return running.values().stream().mapToInt(CompletableFuture::getNumberOfDependents).sum();
    }

    private static <V> V join(CompletableFuture<V> theirs) {
        try {
            return theirs.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
