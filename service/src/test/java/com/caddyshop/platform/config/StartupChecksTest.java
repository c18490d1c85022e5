package com.caddyshop.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the server refuses to start with, as the rooms' checks listed by the root configuration apply it to
 * the real production.yml ({@code CheckCommandIT} runs the same through the packaged jar).
 */
class StartupChecksTest {
    private static final String STRONG = "k7Qv9mZ2xR4tL8wN1pS6yB3cH5jD0fGa";
    private static final String OTHER_STRONG = "Zp3Lq8Wv1Nc6Xr0Tb5Hy9Jm2Ks7Dg4Fa";

    /** A production environment that passes every check, with some variables replaced. */
    private static CaddyShopConfiguration production(String... replaced) {
        List<String> environment = new ArrayList<>(List.of("APP_ENV", "production", "JWT_SECRET", STRONG,
                "DB_PASSWORD", "db-pass-from-the-vault", "REDIS_PASSWORD", "redis-pass-from-the-vault",
                "TRUSTED_PROXIES", "10.0.0.5,10.0.0.6", "PAYMENTS_WEBHOOK_SECRET", OTHER_STRONG,
                "SHOP_BASE_URL", "https://shop.caddy.test", "SMTP_HOST", "smtp.caddy.test",
                "SMTP_USER", "shop@caddy.test", "SMTP_PASS", "smtp-pass-from-the-vault"));
        for (int i = 0; i < replaced.length; i += 2) {
            int at = environment.indexOf(replaced[i]);
            if (at >= 0) {
                environment.set(at + 1, replaced[i + 1]);
            } else {
                environment.add(replaced[i]);
                environment.add(replaced[i + 1]);
            }
        }
        return ConfigFixtures.load(environment.toArray(String[]::new));
    }

    private static List<String> problems(CaddyShopConfiguration config) {
        return StartupChecks.problems(config);
    }

    /** Development with a JWT secret the token signer accepts (its floor holds everywhere), and more variables. */
    private static CaddyShopConfiguration development(String... more) {
        List<String> environment = new ArrayList<>(List.of("APP_ENV", "development", "JWT_SECRET", STRONG));
        environment.addAll(List.of(more));
        return ConfigFixtures.load(environment.toArray(String[]::new));
    }

    @Test
    void developmentIsNeverRefusedForProductionsRules() {
        CaddyShopConfiguration config = development();
        assertThat(problems(config)).isEmpty();
    }

    @Test
    void developmentRefusesOnlyAJwtSecretTheTokenSignerCannotUse() {
        assertThat(problems(ConfigFixtures.load("APP_ENV", "development")))
                .containsExactly("JWT_SECRET must be at least 32 bytes");
        assertThat(problems(development("JWT_SECRET_PREVIOUS", "short")))
                .containsExactly("JWT_SECRET_PREVIOUS must be at least 32 bytes");
    }

    @Test
    void productionWithStrongSecretsStarts() {
        assertThat(problems(production())).isEmpty();
        assertThat(problems(production("JWT_SECRET_PREVIOUS", OTHER_STRONG))).isEmpty();
    }

    @Test
    void secretsUnder32BytesAreRefused() {
        assertThat(problems(production("JWT_SECRET", STRONG.substring(1))))
                .singleElement().asString().contains("JWT_SECRET is too weak");
    }

    @Test
    void thePreviousSecretMeetsTheSameRule() {
        assertThat(problems(production("JWT_SECRET_PREVIOUS", STRONG.substring(1))))
                .singleElement().asString().contains("JWT_SECRET_PREVIOUS is too weak");
        assertThat(problems(production("JWT_SECRET_PREVIOUS",
                "dev-only-insecure-jwt-secret-never-use-in-production")))
                .singleElement().asString().contains("JWT_SECRET_PREVIOUS is a published default");
        assertThat(problems(production("JWT_SECRET_PREVIOUS", STRONG)))
                .singleElement().asString().contains("JWT_SECRET_PREVIOUS equals JWT_SECRET");
    }

    @Test
    void anEmptyTrustedProxiesIsRefusedButNoneIsAccepted() {
        assertThat(problems(production("TRUSTED_PROXIES", "")))
                .singleElement().asString().contains("TRUSTED_PROXIES is empty").contains("none");
        assertThat(problems(production("TRUSTED_PROXIES", "none"))).isEmpty();
    }

    @Test
    void theGuidesExamplePasswordsAreRefusedAndNamed() {
        CaddyShopConfiguration config = production(
                "JWT_SECRET", "your_super_secure_jwt_secret", "DB_PASSWORD", "secure_password", "REDIS_PASSWORD", "redis_password");
        assertThat(problems(config)).hasSize(3);
        assertThat(String.join("; ", problems(config)))
                .contains("JWT_SECRET").contains("DB_PASSWORD").contains("REDIS_PASSWORD")
                .doesNotContain("secure_password");
    }

    @Test
    void theDevelopmentSecretIsRefusedInProduction() {
        assertThat(problems(production("JWT_SECRET", "dev-only-insecure-jwt-secret-never-use-in-production")))
                .singleElement().asString().contains("published default");
    }

    @Test
    void aCheapPasswordHashIsRefusedInProduction() {
        assertThat(problems(production("PASSWORD_HASH_COST", "8")))
                .singleElement().asString().contains("PASSWORD_HASH_COST");
        assertThat(ConfigFixtures.load("APP_ENV", "production").getAccounts().getPasswordHashCost()).isEqualTo(12);
    }

    @Test
    void aMissingOrWeakPaymentsWebhookSecretIsRefusedInProduction() {
        assertThat(problems(production("PAYMENTS_WEBHOOK_SECRET", "")))
                .singleElement().asString().contains("PAYMENTS_WEBHOOK_SECRET is missing");
        assertThat(problems(production("PAYMENTS_WEBHOOK_SECRET", OTHER_STRONG.substring(1))))
                .singleElement().asString().contains("PAYMENTS_WEBHOOK_SECRET is too weak");
        assertThat(problems(production("PAYMENTS_WEBHOOK_SECRET", "changeme")))
                .singleElement().asString().contains("PAYMENTS_WEBHOOK_SECRET");
        assertThat(development().getPayments().isEnabled()).isFalse();
    }

    @Test
    void aPreviousWebhookSecretIsOptionalButMustBeStrongAndNotTheCurrentOne() {
        assertThat(ConfigFixtures.load("APP_ENV", "production").getPayments().getPreviousWebhookSecret()).isEmpty();
        assertThat(problems(production("PAYMENTS_WEBHOOK_SECRET_PREVIOUS", STRONG))).isEmpty();
        assertThat(problems(production("PAYMENTS_WEBHOOK_SECRET_PREVIOUS", STRONG.substring(1))))
                .singleElement().asString().contains("PAYMENTS_WEBHOOK_SECRET_PREVIOUS is too weak");
        assertThat(problems(production("PAYMENTS_WEBHOOK_SECRET_PREVIOUS", OTHER_STRONG)))
                .singleElement().asString().contains("PAYMENTS_WEBHOOK_SECRET_PREVIOUS equals PAYMENTS_WEBHOOK_SECRET");
    }

    @Test
    void webhookEventsAreKeptThirtyDaysUnlessConfiguredOtherwise() {
        assertThat(ConfigFixtures.load("APP_ENV", "production").getPayments().getEventRetention())
                .isEqualTo(java.time.Duration.ofDays(30));
        assertThat(ConfigFixtures.load("APP_ENV", "production", "PAYMENTS_EVENT_RETENTION", "90d").getPayments()
                .getEventRetention()).isEqualTo(java.time.Duration.ofDays(90));
    }

    @Test
    void productionWithoutAnSmtpHostIsRefusedForItWouldSendNoMail() {
        assertThat(problems(production("SMTP_HOST", "")))
                .singleElement().asString().contains("SMTP_HOST is missing");
        assertThat(problems(production("SMTP_HOST", "  ")))
                .singleElement().asString().contains("SMTP_HOST is missing");
        // Development may run without SMTP: its mail waits in the outbox.
        assertThat(problems(development("SMTP_HOST", ""))).isEmpty();
    }

    @Test
    void anSmtpHostNeedsARealPasswordInProduction() {
        assertThat(problems(production("SMTP_PASS", "")))
                .singleElement().asString().contains("SMTP_PASS is missing or a default value");
        assertThat(problems(production("SMTP_PASS", "your_app_password")))
                .singleElement().asString().contains("SMTP_PASS").doesNotContain("your_app_password");
    }

    @Test
    void aMissingOrDevelopmentShopBaseUrlIsRefusedInProduction() {
        for (String local : List.of("http://127.0.0.1:3000", "http://localhost:8080/", "https://[::1]/shop")) {
            assertThat(problems(production("SHOP_BASE_URL", local))).as(local)
                    .singleElement().asString().contains("SHOP_BASE_URL is missing or the development default");
        }
        // Not set at all: production.yml falls back to the development default, which is refused.
        List<String> environment = new ArrayList<>(List.of("APP_ENV", "production", "JWT_SECRET", STRONG,
                "DB_PASSWORD", "db-pass-from-the-vault", "REDIS_PASSWORD", "redis-pass-from-the-vault",
                "TRUSTED_PROXIES", "10.0.0.5,10.0.0.6", "PAYMENTS_WEBHOOK_SECRET", OTHER_STRONG,
                "SMTP_HOST", "smtp.caddy.test", "SMTP_USER", "shop@caddy.test", "SMTP_PASS", "smtp-pass-from-the-vault"));
        assertThat(problems(ConfigFixtures.load(environment.toArray(String[]::new))))
                .singleElement().asString().contains("SHOP_BASE_URL");
        assertThat(problems(production("SHOP_BASE_URL", "https://shop.example.org/"))).isEmpty();
        assertThat(problems(development())).isEmpty();
    }
}
