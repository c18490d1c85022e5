package com.caddyshop.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionReadinessTest {
    private static final String STRONG = "k7Qv9mZ2xR4tL8wN1pS6yB3cH5jD0fGa";
    private static final String OTHER_STRONG = "Zp3Lq8Wv1Nc6Xr0Tb5Hy9Jm2Ks7Dg4Fa";

    /** A production environment that passes every check, with some variables replaced. */
    private static CaddyShopConfiguration production(String... replaced) {
        List<String> environment = new ArrayList<>(List.of("APP_ENV", "production", "JWT_SECRET", STRONG,
                "DB_PASSWORD", "db-pass-from-the-vault", "REDIS_PASSWORD", "redis-pass-from-the-vault",
                "TRUSTED_PROXIES", "10.0.0.5,10.0.0.6", "PAYMENTS_WEBHOOK_SECRET", OTHER_STRONG,
                "SHOP_BASE_URL", "https://shop.caddy.test", "SMTP_HOST", "smtp.caddy.test",
                "SMTP_PASS", "smtp-pass-from-the-vault"));
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

    @Test
    void developmentIsNeverRefused() {
        CaddyShopConfiguration config = ConfigFixtures.load("APP_ENV", "development");
        assertThat(ProductionReadiness.problems(config)).isEmpty();
    }

    @Test
    void productionWithStrongSecretsStarts() {
        assertThat(ProductionReadiness.problems(production())).isEmpty();
        assertThat(ProductionReadiness.problems(production("JWT_SECRET_PREVIOUS", OTHER_STRONG))).isEmpty();
    }

    @Test
    void secretsUnder32BytesAreRefused() {
        assertThat(ProductionReadiness.problems(production("JWT_SECRET", STRONG.substring(1))))
                .singleElement().asString().contains("JWT_SECRET is too weak");
    }

    @Test
    void thePreviousSecretMeetsTheSameRule() {
        assertThat(ProductionReadiness.problems(production("JWT_SECRET_PREVIOUS", STRONG.substring(1))))
                .singleElement().asString().contains("JWT_SECRET_PREVIOUS is too weak");
        assertThat(ProductionReadiness.problems(production("JWT_SECRET_PREVIOUS",
                "dev-only-insecure-jwt-secret-never-use-in-production")))
                .singleElement().asString().contains("JWT_SECRET_PREVIOUS is a published default");
        assertThat(ProductionReadiness.problems(production("JWT_SECRET_PREVIOUS", STRONG)))
                .singleElement().asString().contains("JWT_SECRET_PREVIOUS equals JWT_SECRET");
    }

    @Test
    void anEmptyTrustedProxiesIsRefusedButNoneIsAccepted() {
        assertThat(ProductionReadiness.problems(production("TRUSTED_PROXIES", "")))
                .singleElement().asString().contains("TRUSTED_PROXIES is empty").contains("none");
        assertThat(ProductionReadiness.problems(production("TRUSTED_PROXIES", "none"))).isEmpty();
    }

    @Test
    void theGuidesExamplePasswordsAreRefusedAndNamed() {
        CaddyShopConfiguration config = production(
                "JWT_SECRET", "your_super_secure_jwt_secret", "DB_PASSWORD", "secure_password", "REDIS_PASSWORD", "redis_password");
        assertThat(ProductionReadiness.problems(config)).hasSize(3);
        assertThat(String.join("; ", ProductionReadiness.problems(config)))
                .contains("JWT_SECRET").contains("DB_PASSWORD").contains("REDIS_PASSWORD")
                .doesNotContain("secure_password");
    }

    @Test
    void theDevelopmentSecretIsRefusedInProduction() {
        assertThat(ProductionReadiness.problems(production("JWT_SECRET", "dev-only-insecure-jwt-secret-never-use-in-production")))
                .singleElement().asString().contains("published default");
    }

    @Test
    void aCheapPasswordHashIsRefusedInProduction() {
        assertThat(ProductionReadiness.problems(production("PASSWORD_HASH_COST", "8")))
                .singleElement().asString().contains("PASSWORD_HASH_COST");
        assertThat(ConfigFixtures.load("APP_ENV", "production").getAccounts().getPasswordHashCost()).isEqualTo(12);
    }

    @Test
    void aMissingOrWeakPaymentsWebhookSecretIsRefusedInProduction() {
        assertThat(ProductionReadiness.problems(production("PAYMENTS_WEBHOOK_SECRET", "")))
                .singleElement().asString().contains("PAYMENTS_WEBHOOK_SECRET is missing");
        assertThat(ProductionReadiness.problems(production("PAYMENTS_WEBHOOK_SECRET", OTHER_STRONG.substring(1))))
                .singleElement().asString().contains("PAYMENTS_WEBHOOK_SECRET is too weak");
        assertThat(ProductionReadiness.problems(production("PAYMENTS_WEBHOOK_SECRET", "changeme")))
                .singleElement().asString().contains("PAYMENTS_WEBHOOK_SECRET");
        assertThat(ConfigFixtures.load("APP_ENV", "development").getPayments().isEnabled()).isFalse();
    }

    @Test
    void aPreviousWebhookSecretIsOptionalButMustBeStrongAndNotTheCurrentOne() {
        assertThat(ConfigFixtures.load("APP_ENV", "production").getPayments().getPreviousWebhookSecret()).isEmpty();
        assertThat(ProductionReadiness.problems(production("PAYMENTS_WEBHOOK_SECRET_PREVIOUS", STRONG))).isEmpty();
        assertThat(ProductionReadiness.problems(production("PAYMENTS_WEBHOOK_SECRET_PREVIOUS", STRONG.substring(1))))
                .singleElement().asString().contains("PAYMENTS_WEBHOOK_SECRET_PREVIOUS is too weak");
        assertThat(ProductionReadiness.problems(production("PAYMENTS_WEBHOOK_SECRET_PREVIOUS", OTHER_STRONG)))
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
        assertThat(ProductionReadiness.problems(production("SMTP_HOST", "")))
                .singleElement().asString().contains("SMTP_HOST is missing");
        assertThat(ProductionReadiness.problems(production("SMTP_HOST", "  ")))
                .singleElement().asString().contains("SMTP_HOST is missing");
        // Development may run without SMTP: its mail waits in the outbox.
        assertThat(ProductionReadiness.problems(ConfigFixtures.load("APP_ENV", "development", "SMTP_HOST", ""))).isEmpty();
    }

    @Test
    void anSmtpHostNeedsARealPasswordInProduction() {
        assertThat(ProductionReadiness.problems(production("SMTP_PASS", "")))
                .singleElement().asString().contains("SMTP_PASS is missing or a default value");
        assertThat(ProductionReadiness.problems(production("SMTP_PASS", "your_app_password")))
                .singleElement().asString().contains("SMTP_PASS").doesNotContain("your_app_password");
    }

    @Test
    void aMissingOrDevelopmentShopBaseUrlIsRefusedInProduction() {
        for (String local : List.of("http://127.0.0.1:3000", "http://localhost:8080/", "https://[::1]/shop")) {
            assertThat(ProductionReadiness.problems(production("SHOP_BASE_URL", local))).as(local)
                    .singleElement().asString().contains("SHOP_BASE_URL is missing or the development default");
        }
        // Not set at all: production.yml falls back to the development default, which is refused.
        List<String> environment = new ArrayList<>(List.of("APP_ENV", "production", "JWT_SECRET", STRONG,
                "DB_PASSWORD", "db-pass-from-the-vault", "REDIS_PASSWORD", "redis-pass-from-the-vault",
                "TRUSTED_PROXIES", "10.0.0.5,10.0.0.6", "PAYMENTS_WEBHOOK_SECRET", OTHER_STRONG,
                "SMTP_HOST", "smtp.caddy.test", "SMTP_PASS", "smtp-pass-from-the-vault"));
        assertThat(ProductionReadiness.problems(ConfigFixtures.load(environment.toArray(String[]::new))))
                .singleElement().asString().contains("SHOP_BASE_URL");
        assertThat(ProductionReadiness.problems(production("SHOP_BASE_URL", "https://shop.example.org/"))).isEmpty();
        assertThat(ProductionReadiness.problems(ConfigFixtures.load("APP_ENV", "development"))).isEmpty();
    }
}
