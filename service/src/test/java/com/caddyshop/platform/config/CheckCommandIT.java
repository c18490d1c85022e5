package com.caddyshop.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.SelfSignedCertificate;
import com.caddyshop.testing.TestApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator runs before a deploy, {@code java -jar caddy-backend.jar check config/production.yml},
 * refuses what {@code server} refuses: the packaged jar in a process of its own, with the environment
 * the app role writes.
 */
class CheckCommandIT {
    private static final Path JAR = Path.of("target/caddy-backend.jar");
    private static final Path CONFIG = Path.of("config/production.yml");

    @TempDir
    Path logs;

    private record Outcome(int exitCode, String output) {
    }

    private Outcome check(Map<String, String> environment) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-jar", JAR.toString(), "check",
                CONFIG.toString())).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("LOG_DIR", logs.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("check finished").isTrue();
        return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Map<String, String> production(Map<String, String> changes) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "APP_ENV", "production",
                "JWT_SECRET", TestApp.JWT_SECRET,
                "TRUSTED_PROXIES", "10.0.1.11,10.0.1.12",
                "DB_PASSWORD", "a-real-database-password",
                "REDIS_PASSWORD", "a-real-redis-password",
                "PAYMENTS_WEBHOOK_SECRET", "a-real-payment-provider-webhook-secret-0123456789",
                "SHOP_BASE_URL", "https://shop.caddy.test",
                "SMTP_HOST", "smtp.caddy.test",
                "SMTP_USER", "shop@caddy.test",
                "SMTP_PASS", "a-real-smtp-password"));
        environment.putAll(changes);
        return environment;
    }

    @Test
    void acceptsWhatTheServerStartsWith() throws Exception {
        Outcome outcome = check(production(Map.of()));
        // "Configuration is OK" goes to the configured log files, not the terminal.
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    }

    @Test
    void refusesAWeakJwtSecretInProductionWithoutPrintingIt() throws Exception {
        Outcome outcome = check(production(Map.of("JWT_SECRET", "short-secret")));
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("JWT_SECRET is too weak").doesNotContain("short-secret");
    }

    @Test
    void refusesProductionWithoutTheShopsPublicAddress() throws Exception {
        Map<String, String> environment = production(Map.of());
        environment.remove("SHOP_BASE_URL");
        Outcome missing = check(environment);
        assertThat(missing.exitCode()).as(missing.output()).isNotZero();
        assertThat(missing.output()).contains("SHOP_BASE_URL is missing or the development default");
        Outcome local = check(production(Map.of("SHOP_BASE_URL", "http://localhost:3000")));
        assertThat(local.exitCode()).isNotZero();
        assertThat(local.output()).contains("SHOP_BASE_URL");
    }

    @Test
    void refusesProductionWithoutAnSmtpHost() throws Exception {
        Map<String, String> environment = production(Map.of());
        environment.remove("SMTP_HOST");
        Outcome outcome = check(environment);
        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).contains("SMTP_HOST is missing");
    }

    @Test
    void refusesAnSmtpPasswordWithoutAUserInEveryEnvironment() throws Exception {
        // The server used to get as far as the mail library, which threw during start-up.
        Map<String, String> environment = production(Map.of("APP_ENV", "development"));
        environment.remove("SMTP_USER");
        Outcome outcome = check(environment);
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("SMTP_PASS is set but SMTP_USER is empty")
                .doesNotContain("a-real-smtp-password");
    }

    @Test
    void acceptsDevelopmentWithoutSmtp() throws Exception {
        Map<String, String> environment = production(Map.of("APP_ENV", "development"));
        environment.remove("SMTP_HOST");
        environment.remove("SMTP_PASS");
        Outcome outcome = check(environment);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    }

    @Test
    void refusesAMalformedTrustedProxiesInEveryEnvironment() throws Exception {
        Outcome outcome = check(production(Map.of("APP_ENV", "development", "TRUSTED_PROXIES", "10.0.1.11,lb-two")));
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("TRUSTED_PROXIES").contains("lb-two");
    }

    @Test
    void refusesAMalformedAdminNetwork() throws Exception {
        Outcome outcome = check(production(Map.of("ADMIN_ALLOWED_NETWORKS", "10.0.0.0/33")));
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("ADMIN_ALLOWED_NETWORKS");
    }

    @Test
    void refusesAnSmtpCaFileWithoutACertificateOrWithoutTlsInEveryEnvironment() throws Exception {
        Path notPem = logs.resolve("not-a-ca.pem");
        Files.writeString(notPem, "this is not a certificate\n");
        Outcome garbage = check(production(Map.of("APP_ENV", "development", "SMTP_CA_FILE", notPem.toString())));
        assertThat(garbage.exitCode()).isNotZero();
        assertThat(garbage.output()).contains("SMTP_CA_FILE");

        Outcome missing = check(production(Map.of("APP_ENV", "development",
                "SMTP_CA_FILE", logs.resolve("no-such-file.pem").toString())));
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("SMTP_CA_FILE cannot be read");

        Outcome plain = check(production(Map.of("SMTP_TRANSPORT", "plain",
                "SMTP_CA_FILE", SelfSignedCertificate.forLoopback().certificate().toString())));
        assertThat(plain.exitCode()).isNotZero();
        assertThat(plain.output()).contains("SMTP_CA_FILE is set but SMTP_TRANSPORT is plain");
    }

    @Test
    void acceptsAnSmtpCaFileOfCertificates() throws Exception {
        Outcome outcome = check(production(Map.of("SMTP_CA_FILE",
                SelfSignedCertificate.forLoopback().certificate().toString())));
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    }
}
