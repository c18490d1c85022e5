package com.caddyshop.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.RedisServer;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * REDIS_USERNAME: the service logs in as an ACL user of its own (production gives the app, the
 * replicas and the exporter one each), and an empty name still means the default user.
 */
@ExtendWith(RealServers.class)
class RedisAclUserIT {
    static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        try (RedisClient admin = redis.client()) {
            admin.sendCommand(Protocol.Command.ACL, "SETUSER", "caddy-app", "on", ">app-secret", "~*", "&*", "+@all", "-@admin", "-@dangerous");
            admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "on", "resetpass", ">admin-secret");
        }
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            RealServers.stop(redis);
        }
    }

    static RedisSettings settings(String username, String password) throws Exception {
        String yaml = "host: 127.0.0.1\nport: " + redis.port() + "\nusername: \"" + username + "\"\npassword: \"" + password + "\"\n";
        return new YamlConfigurationFactory<>(RedisSettings.class, Validators.newValidator(), Jackson.newObjectMapper(), "redis")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline");
    }

    @Test
    void theAppUserReadsWritesAndRunsScripts() throws Exception {
        RedisConnector connector = RedisConnector.connect(settings("caddy-app", "app-secret"));
        try {
            connector.client().set("acl-user-key", "1");
            assertThat(connector.client().get("acl-user-key")).isEqualTo("1");
            assertThat(connector.client().eval("return redis.call('INCR', KEYS[1])", List.of("acl-user-counter"), List.of()))
                    .isEqualTo(1L);
            // Its ACL leaves out administration: the user really is caddy-app, not the default user.
            assertThatThrownBy(() -> connector.client().configGet("maxmemory")).isInstanceOf(JedisException.class)
                    .hasMessageContaining("NOPERM");
        } finally {
            connector.stop();
        }
    }

    @Test
    void anEmptyUserNameMeansTheDefaultUser() throws Exception {
        // The app's password is not the default user's: refused.
        RedisConnector wrong = RedisConnector.connect(settings("", "app-secret"));
        RedisConnector right = RedisConnector.connect(settings("", "admin-secret"));
        try {
            assertThatThrownBy(() -> wrong.client().get("acl-user-key")).isInstanceOf(JedisException.class)
                    .hasMessageContaining("WRONGPASS");
            right.client().set("default-user-key", "2");
            assertThat(right.client().get("default-user-key")).isEqualTo("2");
        } finally {
            wrong.stop();
            right.stop();
        }
    }
}
