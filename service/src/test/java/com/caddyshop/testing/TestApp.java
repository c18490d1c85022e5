package com.caddyshop.testing;

import com.caddyshop.CaddyShopApplication;
import com.caddyshop.CaddyShopConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts the real application with the production configuration file, pointed at the test's own
 * servers through config overrides. Values are suppliers, resolved when the app starts, so the
 * servers are started lazily by {@link RealServers}.
 */
public final class TestApp {
    public static final String CONFIG = "config/production.yml";
    public static final String JWT_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    /** The payment webhook's signing secret; {@link PaymentProvider} signs with it. */
    public static final String PAYMENTS_WEBHOOK_SECRET = "test-payments-webhook-secret-0123456789-abcdef";

    /** One value per key: a later {@link #set} replaces an earlier one (duplicate overrides are applied in no defined order). */
    private final Map<String, Supplier<String>> overrides = new LinkedHashMap<>();
    private final Path workDir;
    private Class<? extends CaddyShopApplication> application = CaddyShopApplication.class;

    private TestApp(Supplier<TestDatabase> database) {
        this.workDir = TempDirs.create("app");
        if (!Boolean.getBoolean("caddy.test.keepLogs")) {
            RealServers.track(() -> TempDirs.delete(workDir));
        }
        set("appEnv", () -> "test");
        set("server.applicationConnectors[0].port", () -> "0");
        set("server.applicationConnectors[0].bindHost", () -> "127.0.0.1");
        set("server.adminConnectors[0].port", () -> "0");
        set("server.adminConnectors[0].bindHost", () -> "127.0.0.1");
        set("database.url", () -> database.get().jdbcUrl());
        set("database.user", () -> database.get().user());
        set("database.password", () -> database.get().password());
        set("database.minSize", () -> "1");
        set("database.initialSize", () -> "1");
        set("database.properties.sslMode", () -> "DISABLED");
        set("jwt.secret", () -> JWT_SECRET);
        set("payments.webhookSecret", () -> PAYMENTS_WEBHOOK_SECRET);
        // Cheap bcrypt, and budgets no suite reaches: every test client is 127.0.0.1 on the shared
        // Redis. Tests of hashing or rate limiting set their own values after these.
        set("accounts.passwordHashCost", () -> "4");
        set("throttler.limit", () -> "1000000");
        set("throttler.loginLimit", () -> "1000000");
        set("throttler.loginAddressLimit", () -> "1000000");
        set("throttler.loginAccountLimit", () -> "1000000");
        set("throttler.registerLimit", () -> "1000000");
        set("throttler.searchLimit", () -> "1000000");
        set("throttler.resetLimit", () -> "1000000");
        set("logging.appenders[1].currentLogFilename", () -> logFile("app.log").toString());
        set("logging.appenders[2].currentLogFilename", () -> logFile("error.log").toString());
        set("server.requestLog.appenders[0].currentLogFilename", () -> logFile("access.log").toString());
    }

    /** An app on a migrated database of its own and on the shared Redis. */
    public static TestApp onSharedServers(String hint) {
        return new TestApp(migratedDatabase(hint)).redis(() -> RealServers.redis().port());
    }

    /** A fresh database on the shared MariaDB, created and migrated on first use; for several app nodes on one database. */
    public static Supplier<TestDatabase> migratedDatabase(String hint) {
        return memoize(() -> {
            TestDatabase db = RealServers.newDatabase(hint);
            Migrations.apply(db);
            return db;
        });
    }

    public static TestApp on(Supplier<TestDatabase> database) {
        return new TestApp(database);
    }

    public TestApp redis(Supplier<Integer> port) {
        set("redis.host", () -> "127.0.0.1");
        set("redis.port", () -> String.valueOf(port.get()));
        return this;
    }

    /** Mail on: SMTP to the catcher (plain, on loopback), polled often, retried soon. */
    public TestApp smtp(Supplier<MailCatcher> catcher) {
        set("smtp.host", () -> "127.0.0.1");
        set("smtp.port", () -> String.valueOf(catcher.get().port()));
        set("smtp.transport", () -> "plain");
        set("smtp.from", () -> "shop@caddy.test");
        set("smtp.timeout", () -> "5s");
        set("mail.pollInterval", () -> "200ms");
        set("mail.retryBase", () -> "200ms");
        set("mail.retryCap", () -> "1s");
        set("mail.linkBaseUrl", () -> "https://shop.caddy.test");
        return this;
    }

    public TestApp set(String key, Supplier<String> value) {
        overrides.put(key, value);
        return this;
    }

    /** A subclass of the real application, for tests that need one extra endpoint or hook. */
    public TestApp application(Class<? extends CaddyShopApplication> type) {
        this.application = type;
        return this;
    }

    public Path logFile(String name) {
        return workDir.resolve("logs").resolve(name);
    }

    public DropwizardAppExtension<CaddyShopConfiguration> extension() {
        return new DropwizardAppExtension<>(application, CONFIG, overrides.entrySet().stream()
                .map(e -> ConfigOverride.config(e.getKey(), e.getValue())).toArray(ConfigOverride[]::new));
    }

    public static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
