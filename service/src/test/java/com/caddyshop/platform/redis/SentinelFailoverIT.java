package com.caddyshop.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.Await;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.SentinelCluster;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;

/** The service's Redis connector follows a Sentinel failover to the new master by itself. */
@ExtendWith(RealServers.class)
class SentinelFailoverIT {
    static SentinelCluster cluster;
    static RedisConnector connector;

    @BeforeAll
    static void start() throws Exception {
        cluster = SentinelCluster.start();
        RedisSettings settings = new YamlConfigurationFactory<>(RedisSettings.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "redis")
                .build(new io.dropwizard.configuration.ConfigurationSourceProvider() {
                    @Override
                    public java.io.InputStream open(String path) {
                        String yaml = "sentinels: \"" + cluster.sentinelAddresses() + "\"\nmasterName: "
                                + SentinelCluster.MASTER_NAME + "\n";
                        return new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }, "inline");
        assertThat(settings.usesSentinel()).isTrue();
        connector = RedisConnector.connect(settings);
    }

    @AfterAll
    static void stop() {
        if (connector != null) {
            connector.stop();
        }
        if (cluster != null) {
            RealServers.stop(cluster);
        }
    }

    @Test
    void writesReachTheNewMasterAfterTheOldOneIsKilled() {
        HostAndPort oldMaster = cluster.currentMaster();
        assertThat(connector.currentTarget()).isEqualTo(oldMaster.toString());
        connector.client().set("before-failover", "1");
        // Replication is asynchronous: make sure a replica has the key before the master dies.
        Await.until("both replicas to have the key", Duration.ofSeconds(15), () -> cluster.replicasOf(oldMaster).stream()
                .allMatch(replica -> {
                    try (var direct = replica.client()) {
                        return "1".equals(direct.get("before-failover"));
                    }
                }));

        cluster.node(oldMaster).kill();

        Await.until("sentinels to promote a replica", Duration.ofSeconds(30),
                () -> !cluster.currentMaster().equals(oldMaster));
        HostAndPort newMaster = cluster.currentMaster();
        Await.until("the connector to write to the new master", Duration.ofSeconds(30), () -> {
            connector.client().set("after-failover", "2");
            return true;
        });
        assertThat(connector.currentTarget()).isEqualTo(newMaster.toString());
        assertThat(connector.client().get("before-failover")).as("replicated before the failover").isEqualTo("1");
        try (var direct = cluster.node(newMaster).client()) {
            assertThat(direct.get("after-failover")).isEqualTo("2");
            assertThat(direct.info("replication")).contains("role:master");
        }
        assertThat(connector.poolFigures().max()).isPositive();
        assertThat(Map.of("target", connector.currentTarget())).isNotEmpty();
    }
}
