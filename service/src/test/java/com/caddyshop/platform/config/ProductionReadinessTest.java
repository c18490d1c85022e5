package com.caddyshop.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.CaddyShopConfiguration;
import org.junit.jupiter.api.Test;

class ProductionReadinessTest {
    private static final String STRONG = "k7Qv9mZ2xR4tL8wN1pS6yB3cH5jD0fGa";

    @Test
    void developmentIsNeverRefused() {
        CaddyShopConfiguration config = ConfigFixtures.load("APP_ENV", "development");
        assertThat(ProductionReadiness.problems(config)).isEmpty();
    }

    @Test
    void productionWithStrongSecretsStarts() {
        CaddyShopConfiguration config = ConfigFixtures.load("APP_ENV", "production", "JWT_SECRET", STRONG,
                "DB_PASSWORD", "db-pass-from-the-vault", "REDIS_PASSWORD", "redis-pass-from-the-vault");
        assertThat(ProductionReadiness.problems(config)).isEmpty();
    }

    @Test
    void secretsUnder32BytesAreRefused() {
        CaddyShopConfiguration config = ConfigFixtures.load("APP_ENV", "production", "JWT_SECRET", STRONG.substring(1),
                "DB_PASSWORD", "db-pass-from-the-vault", "REDIS_PASSWORD", "redis-pass-from-the-vault");
        assertThat(ProductionReadiness.problems(config)).singleElement().asString().contains("JWT_SECRET is too weak");
    }

    @Test
    void theGuidesExamplePasswordsAreRefusedAndNamed() {
        CaddyShopConfiguration config = ConfigFixtures.load("APP_ENV", "production",
                "JWT_SECRET", "your_super_secure_jwt_secret", "DB_PASSWORD", "secure_password", "REDIS_PASSWORD", "redis_password");
        assertThat(ProductionReadiness.problems(config)).hasSize(3);
        assertThatThrownBy(() -> ProductionReadiness.verify(config))
                .hasMessageContaining("JWT_SECRET").hasMessageContaining("DB_PASSWORD").hasMessageContaining("REDIS_PASSWORD")
                .hasMessageNotContaining("secure_password");
    }

    @Test
    void theDevelopmentSecretIsRefusedInProduction() {
        CaddyShopConfiguration config = ConfigFixtures.load("APP_ENV", "production",
                "JWT_SECRET", "dev-only-insecure-jwt-secret-never-use-in-production",
                "DB_PASSWORD", "db-pass-from-the-vault", "REDIS_PASSWORD", "redis-pass-from-the-vault");
        assertThat(ProductionReadiness.problems(config)).singleElement().asString().contains("published default");
    }

    @Test
    void aCheapPasswordHashIsRefusedInProduction() {
        CaddyShopConfiguration config = ConfigFixtures.load("APP_ENV", "production", "JWT_SECRET", STRONG,
                "DB_PASSWORD", "db-pass-from-the-vault", "REDIS_PASSWORD", "redis-pass-from-the-vault",
                "PASSWORD_HASH_COST", "8");
        assertThat(ProductionReadiness.problems(config)).singleElement().asString().contains("PASSWORD_HASH_COST");
        assertThat(ConfigFixtures.load("APP_ENV", "production").getAccounts().getPasswordHashCost()).isEqualTo(12);
    }
}
