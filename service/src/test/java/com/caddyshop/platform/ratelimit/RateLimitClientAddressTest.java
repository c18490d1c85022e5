package com.caddyshop.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.platform.net.IpLiterals;
import com.codahale.metrics.Counter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a request is counted under, with and without trusted proxies. */
class RateLimitClientAddressTest {
    final Counter untrusted = new Counter();
    final ClientAddresses behindProxies = new ClientAddresses(TrustedProxies.of(List.of("10.0.0.5", "192.168.1.0/24")), untrusted);
    final ClientAddresses direct = new ClientAddresses(TrustedProxies.of(List.of()), untrusted);

    @Test
    void forwardedForIsIgnoredFromUntrustedPeersAndCounted() {
        assertThat(direct.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(untrusted.getCount()).isEqualTo(2);
        behindProxies.resolve("10.0.0.5", "198.51.100.1");
        behindProxies.resolve("203.0.113.9", null);
        assertThat(untrusted.getCount()).as("neither a trusted proxy's header nor no header at all").isEqualTo(2);
    }

    @Test
    void noneSaysExplicitlyThatNoProxyIsTrusted() {
        ClientAddresses none = new ClientAddresses(TrustedProxies.of(List.of("None")), untrusted);
        assertThat(none.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(TrustedProxies.of(List.of("none")).isEmpty()).isTrue();
        assertThatThrownBy(() -> TrustedProxies.of(List.of("none", "10.0.0.5"))).hasMessageContaining("not both");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        assertThat(behindProxies.resolve("10.0.0.5", "198.51.100.1")).isEqualTo("198.51.100.1");
        // The client wrote "1.1.1.1" itself; the proxies appended the real address and each other.
        assertThat(behindProxies.resolve("10.0.0.5", "1.1.1.1, 198.51.100.1, 192.168.1.77")).isEqualTo("198.51.100.1");
        assertThat(behindProxies.resolve("10.0.0.5", "192.168.1.7")).as("only proxies: the left-most").isEqualTo("192.168.1.7");
        assertThat(behindProxies.resolve("10.0.0.5", null)).isEqualTo("10.0.0.5");
        assertThat(behindProxies.resolve("10.0.0.5", "garbage")).isEqualTo("10.0.0.5");
    }

    @Test
    void addressesHaveOneSpellingAndNamesAreNeverResolved() {
        assertThat(direct.resolve("::ffff:127.0.0.1", null)).isEqualTo("127.0.0.1");
        assertThat(direct.resolve("0:0:0:0:0:0:0:1", null)).isEqualTo(direct.resolve("::1", null));
        assertThat(behindProxies.resolve("10.0.0.5", "localhost")).as("a name is not an address").isEqualTo("10.0.0.5");
        assertThat(IpLiterals.parse("example.com")).isEmpty();
        assertThat(IpLiterals.parse("[2001:db8::1]")).isPresent();
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        assertThat(ClientAddresses.budgetKey("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.budgetKey("2001:db8:1:2:bbbb::9")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.budgetKey("203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void cidrBlocksMatchByPrefixAndBadEntriesAreRefused() {
        TrustedProxies proxies = TrustedProxies.of(List.of("172.16.0.0/12", "2001:db8::/32"));
        assertThat(proxies.contains(IpLiterals.parse("172.31.255.1").orElseThrow())).isTrue();
        assertThat(proxies.contains(IpLiterals.parse("172.32.0.1").orElseThrow())).isFalse();
        assertThat(proxies.contains(IpLiterals.parse("2001:db8:ffff::1").orElseThrow())).isTrue();
        assertThat(proxies.contains(IpLiterals.parse("2001:db9::1").orElseThrow())).isFalse();
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyApiPathsAreLimited() {
        assertThat(ApiRateLimitFilter.isApi("api/products")).isTrue();
        assertThat(ApiRateLimitFilter.isApi("/api")).isTrue();
        assertThat(ApiRateLimitFilter.isApi("health")).isFalse();
        assertThat(ApiRateLimitFilter.isApi("apiary")).isFalse();
    }
}
