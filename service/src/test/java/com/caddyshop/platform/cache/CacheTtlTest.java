package com.caddyshop.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheTtlTest {
    @Test
    void staysWithinTheJitterAndSpreads() {
        CacheTtl ttl = new CacheTtl(Duration.ofMinutes(5), 0.2);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long value = ttl.nextMillis();
            assertThat(value).isBetween(240_000L, 360_000L);
            seen.add(value);
        }
        assertThat(seen).as("jittered, not constant").hasSizeGreaterThan(100);
    }

    @Test
    void withoutJitterIsTheBaseAndNeverBelowASecond() {
        assertThat(new CacheTtl(Duration.ofSeconds(30), 0).nextMillis()).isEqualTo(30_000);
        assertThat(new CacheTtl(Duration.ofMillis(10), 0.5).nextMillis()).isEqualTo(1000);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new CacheTtl(Duration.ZERO, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheTtl(Duration.ofSeconds(1), 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
