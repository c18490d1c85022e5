package com.caddyshop.platform.config;

import com.caddyshop.CaddyShopConfiguration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What production refuses to start with (checked by {@link StartupChecks} as configuration validation,
 * so {@code check} and {@code server} agree). Each problem names the variable to fix, never its value.
 */
public final class ProductionReadiness {
    /** Placeholders from the operations guide's example .env, our dev config and common habits. */
    static final Set<String> KNOWN_DEFAULTS = Set.of(
            "", "secure_password", "redis_password", "your_super_secure_jwt_secret", "your_app_password",
            "password", "changeme", "change-me", "secret", "root", "admin", "caddy", "caddy_dev_password",
            "dev-only-insecure-jwt-secret-never-use-in-production",
            "dev-only-payments-webhook-secret-never-use-in-production");

    /** What {@code service/config/production.yml} falls back to without SHOP_BASE_URL, and {@code make run} uses. */
    static final String DEVELOPMENT_SHOP_BASE_URL = "http://127.0.0.1:3000";

    /** bcrypt cost 10 is OWASP's floor; 12 is the default. Tests run with 4 outside production. */
    static final int MIN_PRODUCTION_HASH_COST = 10;

    private ProductionReadiness() {
    }

    public static List<String> problems(CaddyShopConfiguration config) {
        List<String> problems = new ArrayList<>();
        if (!config.isProduction()) {
            return problems;
        }
        String secret = config.getJwt().getSecret();
        if (secret.isBlank()) {
            problems.add("JWT_SECRET is missing");
        } else {
            secretProblem("JWT_SECRET", secret).ifPresent(problems::add);
        }
        String previous = config.getJwt().getPreviousSecret();
        if (!previous.isEmpty()) {
            secretProblem("JWT_SECRET_PREVIOUS", previous).ifPresent(problems::add);
            if (previous.equals(secret)) {
                problems.add("JWT_SECRET_PREVIOUS equals JWT_SECRET: a rotation needs a new JWT_SECRET");
            }
        }
        if (config.getTrustedProxies().isEmpty()) {
            problems.add("TRUSTED_PROXIES is empty: list the load balancers whose X-Forwarded-For is believed, or set it"
                    + " to `none` when clients connect directly (otherwise every client would share the proxy's budgets)");
        }
        if (isDefault(config.getDatabase().getPassword())) {
            problems.add("DB_PASSWORD is missing or a default value");
        }
        if (isDefault(config.getRedis().getPassword())) {
            problems.add("REDIS_PASSWORD is missing or a default value");
        }
        if (config.getAccounts().getPasswordHashCost() < MIN_PRODUCTION_HASH_COST) {
            problems.add("PASSWORD_HASH_COST is below " + MIN_PRODUCTION_HASH_COST
                    + ": bcrypt that cheap barely slows down guessing from a stolen database");
        }
        // Without a host the outbox keeps every mail and nothing sends it: a shop that answers 202 to a password
        // reset and never mails the link. Development may run so (the backlog shows in the metrics); production not.
        if (!config.getSmtp().isEnabled()) {
            problems.add("SMTP_HOST is missing: production must send its mail (password reset, e-mail verification,"
                    + " orders); set SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS and SMTP_FROM");
        } else if (isDefault(config.getSmtp().getPassword())) {
            problems.add("SMTP_PASS is missing or a default value while SMTP_HOST is set");
        }
        String webhookSecret = config.getPayments().getWebhookSecret();
        if (webhookSecret.isBlank()) {
            problems.add("PAYMENTS_WEBHOOK_SECRET is missing: without it no payment can be confirmed");
        } else {
            secretProblem("PAYMENTS_WEBHOOK_SECRET", webhookSecret).ifPresent(problems::add);
        }
        String previousWebhookSecret = config.getPayments().getPreviousWebhookSecret();
        if (!previousWebhookSecret.isEmpty()) {
            secretProblem("PAYMENTS_WEBHOOK_SECRET_PREVIOUS", previousWebhookSecret).ifPresent(problems::add);
            if (previousWebhookSecret.equals(webhookSecret)) {
                problems.add("PAYMENTS_WEBHOOK_SECRET_PREVIOUS equals PAYMENTS_WEBHOOK_SECRET: a rotation needs a new"
                        + " PAYMENTS_WEBHOOK_SECRET");
            }
        }
        if (isLocalAddress(config.getMail().getLinkBaseUrl())) {
            problems.add("SHOP_BASE_URL is missing or the development default (" + DEVELOPMENT_SHOP_BASE_URL
                    + "): the links in the shop's mail (password reset, e-mail verification, orders) would point at"
                    + " this machine; set the shop's public address, e.g. https://shop.example.com");
        }
        return problems;
    }

    /** A link base only a developer's own browser could follow: the development default or any loopback host. */
    private static boolean isLocalAddress(String linkBaseUrl) {
        if (linkBaseUrl == null || linkBaseUrl.isBlank()) {
            return true;
        }
        String host;
        try {
            host = URI.create(linkBaseUrl.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return false; // malformed: the @Pattern on MailSettings reports it
        }
        if (host == null) {
            return true;
        }
        String bare = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return bare.equals("localhost") || bare.endsWith(".localhost") || bare.startsWith("127.") || bare.equals("::1")
                || bare.equals("0.0.0.0");
    }

    /** The same strength rule for the signing secret and the one it replaced. */
    private static Optional<String> secretProblem(String name, String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < JwtSettings.MIN_SECRET_BYTES) {
            return Optional.of(name + " is too weak: it must be at least " + JwtSettings.MIN_SECRET_BYTES
                    + " bytes (256 bits); generate one with `openssl rand -base64 48`");
        }
        if (isDefault(secret)) {
            return Optional.of(name + " is a published default value");
        }
        return Optional.empty();
    }

    private static boolean isDefault(String value) {
        return value == null || KNOWN_DEFAULTS.contains(value.trim().toLowerCase(Locale.ROOT));
    }
}
