package com.caddyshop.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.CaddyShopConfiguration;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;

/** production.yml with the guide's variable names: defaults, overrides and validation. */
class ConfigurationTest {

    @Test
    void defaultsFollowTheGuide() {
        CaddyShopConfiguration config = ConfigFixtures.load();

        assertThat(config.isProduction()).isTrue();
        assertThat(config.getDatabase().getUrl()).isEqualTo("jdbc:mysql://127.0.0.1:4000/caddy_shopping");
        assertThat(config.getDatabase().getUser()).isEqualTo("caddy_user");
        assertThat(config.getThrottler().getLimit()).isEqualTo(5000);
        assertThat(config.getThrottler().getTtlSeconds()).isEqualTo(60);
        assertThat(config.getJwt().getExpiresIn()).as("short access tokens; refresh does the rest").isEqualTo(Duration.minutes(15));
        assertThat(config.getJwt().getRefreshExpiresIn()).isEqualTo(Duration.days(30));
        assertThat(config.getJwt().getSessionMaxAge()).isEqualTo(Duration.days(90));
        assertThat(config.getJwt().getRefreshGrace()).isEqualTo(Duration.seconds(10));
        assertThat(config.getJwt().previousSecretBytes()).isEmpty();
        assertThat(config.getThrottler().getLoginLimit()).isEqualTo(10);
        assertThat(config.getThrottler().getLoginAddressLimit()).isEqualTo(30);
        assertThat(config.getThrottler().getLoginAccountLimit()).isEqualTo(50);
        assertThat(config.getThrottler().getLoginMaxDelaySeconds()).isEqualTo(60);
        assertThat(config.getThrottler().getRegisterLimit()).isEqualTo(10);
        assertThat(config.getThrottler().getRegisterTtlSeconds()).isEqualTo(3600);
        assertThat(config.getThrottler().getSearchLimit()).isEqualTo(120);
        assertThat(config.getThrottler().getSearchTtlSeconds()).isEqualTo(60);
        assertThat(config.getTrustedProxies()).isEmpty();
        assertThat(config.getUploads().getMaxSize()).isEqualTo(DataSize.megabytes(10));
        assertThat(config.getRedis().usesSentinel()).isFalse();
        assertThat(config.getRedis().getMasterName()).isEqualTo("caddy-master");
        assertThat(config.getHealthProbes().getCheckTimeout()).isEqualTo(Duration.seconds(2));
    }

    @Test
    void environmentVariablesOverride() {
        CaddyShopConfiguration config = ConfigFixtures.load(
                "DB_HOST", "tidb.internal", "DB_PORT", "4001", "DB_DATABASE", "shop", "DB_POOL_SIZE", "77",
                "DB_ACQUIRE_TIMEOUT", "1500", "REDIS_SENTINELS", "10.0.0.1:26379, 10.0.0.2:26379,10.0.0.3:26379",
                "REDIS_MASTER_NAME", "shop-master", "JWT_EXPIRES_IN", "5m", "THROTTLER_LIMIT", "100",
                "JWT_SECRET_PREVIOUS", "the-secret-before-the-rotation-0123456789", "JWT_SESSION_MAX_AGE", "7d",
                "JWT_REFRESH_GRACE", "0s", "THROTTLER_LOGIN_ACCOUNT_LIMIT", "20", "THROTTLER_LOGIN_ADDRESS_LIMIT", "40",
                "THROTTLER_LOGIN_MAX_DELAY", "120", "THROTTLER_REGISTER_LIMIT", "3", "THROTTLER_REGISTER_TTL", "600",
                "THROTTLER_SEARCH_LIMIT", "30", "THROTTLER_SEARCH_TTL", "10",
                "THROTTLER_TTL", "30", "UPLOAD_MAX_SIZE", "5mb", "TRUSTED_PROXIES", "10.0.1.10,10.0.1.11");

        assertThat(config.getDatabase().getUrl()).isEqualTo("jdbc:mysql://tidb.internal:4001/shop");
        assertThat(config.getDatabase().getMaxSize()).isEqualTo(77);
        assertThat(config.getDatabase().getMaxWaitForConnection()).isEqualTo(Duration.milliseconds(1500));
        assertThat(config.getRedis().getSentinels()).containsExactly("10.0.0.1:26379", "10.0.0.2:26379", "10.0.0.3:26379");
        assertThat(config.getRedis().getMasterName()).isEqualTo("shop-master");
        assertThat(config.getJwt().getExpiresIn()).isEqualTo(Duration.minutes(5));
        assertThat(config.getJwt().getPreviousSecret()).isEqualTo("the-secret-before-the-rotation-0123456789");
        assertThat(config.getJwt().getSessionMaxAge()).isEqualTo(Duration.days(7));
        assertThat(config.getJwt().getRefreshGrace()).isEqualTo(Duration.seconds(0));
        assertThat(config.getThrottler().getLimit()).isEqualTo(100);
        assertThat(config.getThrottler().getLoginAccountLimit()).isEqualTo(20);
        assertThat(config.getThrottler().getLoginAddressLimit()).isEqualTo(40);
        assertThat(config.getThrottler().getLoginMaxDelaySeconds()).isEqualTo(120);
        assertThat(config.getThrottler().getRegisterLimit()).isEqualTo(3);
        assertThat(config.getThrottler().getRegisterTtlSeconds()).isEqualTo(600);
        assertThat(config.getThrottler().getSearchLimit()).isEqualTo(30);
        assertThat(config.getThrottler().getSearchTtlSeconds()).isEqualTo(10);
        assertThat(config.getUploads().getMaxSize()).isEqualTo(DataSize.megabytes(5));
        assertThat(config.getTrustedProxies()).containsExactly("10.0.1.10", "10.0.1.11");
    }

    @Test
    void invalidValuesAreRefusedAtStartUp() {
        assertThatThrownBy(() -> ConfigFixtures.load("THROTTLER_LIMIT", "0")).hasMessageContaining("throttler.limit");
        assertThatThrownBy(() -> ConfigFixtures.load("APP_ENV", "prod")).hasMessageContaining("appEnv");
        assertThatThrownBy(() -> ConfigFixtures.load("PORT", "not-a-port")).hasMessageContaining("port");
        assertThatThrownBy(() -> ConfigFixtures.load("JWT_REFRESH_GRACE", "5m")).hasMessageContaining("refreshGrace");
    }
}
