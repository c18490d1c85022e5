package com.caddyshop.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that owns the real servers of one test JVM. The shared MariaDB and Redis start
 * on first use and are stopped when the whole run ends (JUnit closes the root store); servers a
 * test starts for itself are tracked too, so nothing outlives the JVM. A shutdown hook is the last
 * resort if the run is interrupted.
 *
 * <pre>
 * {@literal @}ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
 * class SomeIT {
 *     static final TestDatabase DB = RealServers.newDatabase("some");
 * </pre>
 */
public final class RealServers implements BeforeAllCallback {
    private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();
    private static MariaDbServer sharedMariaDb;
    private static RedisServer sharedRedis;
    private static boolean hookInstalled;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RealServers.class, key -> (ExtensionContext.Store.CloseableResource) RealServers::stopAll);
    }

    public static synchronized MariaDbServer mariaDb() {
        if (sharedMariaDb == null) {
            sharedMariaDb = MariaDbServer.start();
        }
        return sharedMariaDb;
    }

    public static synchronized RedisServer redis() {
        if (sharedRedis == null) {
            sharedRedis = RedisServer.start();
        }
        return sharedRedis;
    }

    /** A fresh, empty database on the shared MariaDB. */
    public static TestDatabase newDatabase(String hint) {
        return mariaDb().createDatabase(hint);
    }

    static synchronized void track(AutoCloseable server) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(RealServers::stopAll, "real-servers-stop"));
            hookInstalled = true;
        }
        STARTED.push(server);
    }

    /** Stops a server a test started for itself, now rather than at the end of the run. */
    public static synchronized void stop(AutoCloseable server) {
        STARTED.remove(server);
        closeQuietly(server);
    }

    static synchronized void stopAll() {
        while (!STARTED.isEmpty()) {
            closeQuietly(STARTED.pop());
        }
        sharedMariaDb = null;
        sharedRedis = null;
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("could not stop " + server + ": " + e);
        }
    }
}
