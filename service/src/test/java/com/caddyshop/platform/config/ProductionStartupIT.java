package com.caddyshop.platform.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.CaddyShopApplication;
import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The real configuration file with APP_ENV=production refuses a weak secret, no TRUSTED_PROXIES or no SMTP_HOST
 * before serving anything.
 */
class ProductionStartupIT {
    private static final String LOGS = "target/production-startup-logs";

    private static DropwizardTestSupport<CaddyShopConfiguration> production(String jwtSecret) {
        return production(jwtSecret, "none");
    }

    private static DropwizardTestSupport<CaddyShopConfiguration> production(String jwtSecret, String trustedProxies) {
        return new DropwizardTestSupport<>(CaddyShopApplication.class, TestApp.CONFIG,
                ConfigOverride.config("appEnv", "production"),
                ConfigOverride.config("jwt.secret", jwtSecret),
                ConfigOverride.config("trustedProxies", trustedProxies),
                ConfigOverride.config("database.password", "a-real-database-password"),
                ConfigOverride.config("redis.password", "a-real-redis-password"),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("logging.appenders[1].currentLogFilename", LOGS + "/app.log"),
                ConfigOverride.config("logging.appenders[2].currentLogFilename", LOGS + "/error.log"),
                ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", LOGS + "/access.log"));
    }

    @Test
    void refusesAWeakJwtSecret() {
        DropwizardTestSupport<CaddyShopConfiguration> app = production("short-secret");
        try {
            assertThatThrownBy(app::before)
                    .hasMessageContaining("production.yml has")
                    .hasMessageContaining("JWT_SECRET is too weak")
                    .hasMessageNotContaining("short-secret");
        } finally {
            app.after();
        }
    }

    @Test
    void refusesAMissingJwtSecret() {
        DropwizardTestSupport<CaddyShopConfiguration> app = production("");
        try {
            assertThatThrownBy(app::before).hasMessageContaining("JWT_SECRET is missing");
        } finally {
            app.after();
        }
    }

    @Test
    void refusesToStartWithoutAnSmtpHost() {
        // The production.yml default: SMTP_HOST unset. The server must not start and answer 202 to resets it never mails.
        DropwizardTestSupport<CaddyShopConfiguration> app = production(TestApp.JWT_SECRET);
        try {
            assertThatThrownBy(app::before).hasMessageContaining("production.yml has")
                    .hasMessageContaining("SMTP_HOST is missing");
        } finally {
            app.after();
        }
    }

    @Test
    void refusesAnEmptyTrustedProxies() {
        DropwizardTestSupport<CaddyShopConfiguration> app = production(TestApp.JWT_SECRET, "");
        try {
            assertThatThrownBy(app::before).hasMessageContaining("production.yml has")
                    .hasMessageContaining("TRUSTED_PROXIES is empty");
        } finally {
            app.after();
        }
    }
}
