package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.platform.config.ThrottlerSettings;
import com.caddyshop.platform.ratelimit.LocalFixedWindowLimiter;
import com.caddyshop.platform.ratelimit.RateLimitedException;
import com.codahale.metrics.Counter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The login budgets on the per-node limiter: hard per address and per account at an address, a pace beyond the account's ceiling. */
class LoginThrottleTest {
    final Counter rejections = new Counter();

    private LoginThrottle throttle(int perPair, int perAddress, int perAccount, int maxDelay) {
        ObjectMapper json = Jackson.newObjectMapper();
        ThrottlerSettings settings = json.convertValue(Map.of("loginLimit", perPair, "loginAddressLimit", perAddress,
                "loginAccountLimit", perAccount, "loginMaxDelaySeconds", maxDelay), ThrottlerSettings.class);
        return new LoginThrottle(new LocalFixedWindowLimiter(1000), settings, rejections);
    }

    @Test
    void theDelayDoublesFromOneSecondUpToTheMaximum() {
        LoginThrottle throttle = throttle(10, 30, 50, 60);
        assertThat(throttle.delaySeconds(1)).isEqualTo(1);
        assertThat(throttle.delaySeconds(2)).isEqualTo(2);
        assertThat(throttle.delaySeconds(3)).isEqualTo(4);
        assertThat(throttle.delaySeconds(6)).isEqualTo(32);
        assertThat(throttle.delaySeconds(7)).isEqualTo(60);
        assertThat(throttle.delaySeconds(10_000)).isEqualTo(60);
    }

    @Test
    void beyondTheCeilingAnAddressGetsOneAttemptPerDelayAndAFreshAddressGetsOneAtOnce() {
        LoginThrottle throttle = throttle(10, 30, 2, 60);
        for (int i = 1; i <= 10; i++) {
            assertThat(throttle.check("192.0.2." + i, "owner@example.com").allowed()).as("first attempt of address %d", i).isTrue();
        }
        assertThat(throttle.check("203.0.113.1", "owner@example.com").allowed()).isTrue();
        assertThatThrownBy(() -> throttle.check("203.0.113.1", "owner@example.com"))
                .isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimitedException) e).decision().resetSeconds()).isBetween(31L, 60L));
        assertThat(throttle.check("198.51.100.9", "owner@example.com").allowed()).isTrue();
        assertThat(throttle.check("198.51.100.9", "other@example.com").allowed()).as("other accounts are not slowed").isTrue();
        assertThat(rejections.getCount()).isEqualTo(1);
    }
}
