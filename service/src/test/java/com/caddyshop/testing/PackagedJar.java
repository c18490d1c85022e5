package com.caddyshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -jar target/caddy-backend.jar COMMAND... config/production.yml} against a test
 * database, with only the environment the app role writes: what an operator types, not a call
 * into the command's class.
 */
public final class PackagedJar {
    private final TestDatabase database;
    private final Path logs;

    public PackagedJar(TestDatabase database, Path logs) {
        this.database = database;
        this.logs = logs;
    }

    /** What a finished command printed (stdout and stderr) and how it exited. */
    public record Outcome(int exitCode, String output) {
    }

    public Outcome run(String... command) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new ArrayList<>(List.of(java.toString(), "-jar", "target/caddy-backend.jar"));
        argv.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("APP_ENV", "development", "LOG_DIR", logs.toString(),
                "DB_HOST", database.host(), "DB_PORT", String.valueOf(database.port()), "DB_DATABASE", database.name(),
                "DB_USERNAME", database.user(), "DB_PASSWORD", database.password(),
                "JWT_SECRET", "a-development-secret-of-at-least-32-bytes"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        return new Outcome(process.exitValue(), output);
    }

    /** Runs a command that must succeed and returns its output. */
    public String succeed(String... command) throws Exception {
        Outcome outcome = run(command);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        return outcome.output();
    }
}
