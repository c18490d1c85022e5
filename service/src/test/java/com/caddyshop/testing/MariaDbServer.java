package com.caddyshop.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real {@code mariadbd} on a free loopback port with its data in a temporary directory. */
public final class MariaDbServer implements AutoCloseable {
    static final String USER = "caddy_test";
    static final String PASSWORD = "caddy_test_pw";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final int port;
    private final ServerProcess process;

    private MariaDbServer(Path dir, int port, ServerProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static MariaDbServer start() {
        Path server = Binaries.require("mariadbd");
        Path installDb = Binaries.require("mariadb-install-db");
        Path client = Binaries.require("mariadb");
        Path dir = TempDirs.create("mariadb");
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (root) {
            install.add("--user=root");
        }
        run(install, dir.resolve("install.log"), "mariadb-install-db");

        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-name-resolve", "--skip-log-bin",
                "--max-connections=600", "--innodb-buffer-pool-size=128M", "--innodb-log-file-size=48M",
                "--innodb-flush-log-at-trx-commit=2", "--innodb-lock-wait-timeout=10",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
                "--log-error=" + dir.resolve("error.log")));
        if (root) {
            command.add("--user=root");
        }
        MariaDbServer instance = new MariaDbServer(dir, port, new ServerProcess("mariadbd", command, dir.resolve("stdout.log")));
        RealServers.track(instance);
        instance.startProcess();
        List<String> setup = List.of(client.toString(), "--no-defaults", "--socket=" + dir.resolve("mysqld.sock"),
                "-uroot", "-e",
                "CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';"
                        + " GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1' WITH GRANT OPTION;");
        run(setup, dir.resolve("setup.log"), "mariadb user set-up");
        return instance;
    }

    private void startProcess() {
        process.start();
        Await.until("mariadbd on port " + port + " to accept connections", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("mariadbd exited during start-up:\n" + process.logTail());
            }
            return canConnect();
        });
    }

    private boolean canConnect() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return java.nio.file.Files.exists(dir.resolve("mysqld.sock"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates an empty database with a unique name for one test class. */
    public TestDatabase createDatabase(String hint) {
        String name = ("t" + DATABASES.incrementAndGet() + "_" + hint.toLowerCase().replaceAll("[^a-z0-9]", "_"));
        name = name.substring(0, Math.min(60, name.length()));
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new TestDatabase(name, "127.0.0.1", port, USER, PASSWORD);
    }

    public int port() {
        return port;
    }

    /** Stops the server (as an outage would), keeping its data for {@link #restart()}. */
    public void stop() {
        process.stop();
    }

    public void restart() {
        startProcess();
    }

    @Override
    public void close() {
        process.stop();
        TempDirs.delete(dir);
    }

    private static void run(List<String> command, Path log, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(what + " did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(what + " failed (exit " + p.exitValue() + "):\n"
                        + String.join("\n", java.nio.file.Files.readAllLines(log)));
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + what, e);
        }
    }
}
