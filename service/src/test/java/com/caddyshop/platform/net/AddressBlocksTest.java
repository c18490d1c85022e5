package com.caddyshop.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin port's allow list is read like TRUSTED_PROXIES; a wrong entry names its setting. */
class AddressBlocksTest {
    @Test
    void loopbackAndTheMonitoringHostAreInsideTheBlocks() throws Exception {
        AddressBlocks allowed = AddressBlocks.of(List.of("127.0.0.0/8", "::1", "10.0.7.11"), "ADMIN_ALLOWED_NETWORKS");
        assertThat(allowed.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(allowed.contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(allowed.contains(InetAddress.getByName("10.0.7.11"))).isTrue();
        assertThat(allowed.contains(InetAddress.getByName("10.0.6.11"))).as("a load balancer").isFalse();
    }

    @Test
    void aWrongEntryFailsWithTheSettingsName() {
        assertThatThrownBy(() -> AddressBlocks.of(List.of("monitoring.internal"), "ADMIN_ALLOWED_NETWORKS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ADMIN_ALLOWED_NETWORKS entry");
    }
}
