package com.caddyshop.accounts;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for work that must yield the CPU to request threads: password hashing. They run at
 * {@link Thread#MIN_PRIORITY}, which the production JVM options ({@code service/config/jvm.options})
 * turn into the lowest OS priority (nice 19): a login storm then takes the CPU the catalog leaves idle
 * instead of half the machine. Without those options the JVM ignores priorities and nothing changes.
 */
final class LowPriorityThreads implements ThreadFactory {
    private final String namePrefix;
    private final AtomicInteger next = new AtomicInteger();

    LowPriorityThreads(String namePrefix) {
        this.namePrefix = namePrefix;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(work, namePrefix + next.getAndIncrement());
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    }
}
