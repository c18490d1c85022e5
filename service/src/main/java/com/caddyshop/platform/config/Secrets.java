package com.caddyshop.platform.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules every secret and password in the configuration is held to in production, whichever room
 * owns it: long enough for HMAC-SHA256 and not a value anyone could look up. Messages name the variable
 * to fix, never its value.
 */
public final class Secrets {
    /** HMAC-SHA256 (JWT's HS256, the payment webhook's signature) needs a key of at least 256 bits. */
    public static final int MIN_BYTES = 32;

    /** Placeholders from the operations guide's example .env, our dev config and common habits. */
    static final Set<String> KNOWN_DEFAULTS = Set.of(
            "", "secure_password", "redis_password", "your_super_secure_jwt_secret", "your_app_password",
            "password", "changeme", "change-me", "secret", "root", "admin", "caddy", "caddy_dev_password",
            "dev-only-insecure-jwt-secret-never-use-in-production",
            "dev-only-payments-webhook-secret-never-use-in-production");

    private Secrets() {
    }

    /** Unset, empty or one of the published placeholders. */
    public static boolean isMissingOrDefault(String value) {
        return value == null || KNOWN_DEFAULTS.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /** Production's strength rule for a signing secret: at least {@link #MIN_BYTES} and not published. */
    public static Optional<String> weakness(String name, String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            return Optional.of(name + " is too weak: it must be at least " + MIN_BYTES
                    + " bytes (256 bits); generate one with `openssl rand -base64 48`");
        }
        if (isMissingOrDefault(secret)) {
            return Optional.of(name + " is a published default value");
        }
        return Optional.empty();
    }

    /**
     * A secret kept during a rotation (empty when none is under way) meets the same rule as the current
     * one, and is not the current one: a rotation that keeps the old value rotates nothing.
     */
    public static List<String> previousProblems(String name, String current, String previousName, String previous) {
        List<String> problems = new ArrayList<>();
        if (previous.isEmpty()) {
            return problems;
        }
        weakness(previousName, previous).ifPresent(problems::add);
        if (previous.equals(current)) {
            problems.add(previousName + " equals " + name + ": a rotation needs a new " + name);
        }
        return problems;
    }
}
