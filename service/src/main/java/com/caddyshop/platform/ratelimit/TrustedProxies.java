package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.net.AddressBlocks;
import java.net.InetAddress;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code TRUSTED_PROXIES}): single
 * addresses or CIDR blocks ({@code 10.0.0.0/24}). An entry that is neither is refused at start-up,
 * since silently ignoring it would put every client behind that proxy into one bucket.
 */
public final class TrustedProxies {
    private final AddressBlocks blocks;

    private TrustedProxies(AddressBlocks blocks) {
        this.blocks = blocks;
    }

    public static TrustedProxies of(List<String> entries) {
        return new TrustedProxies(AddressBlocks.of(entries, "TRUSTED_PROXIES"));
    }

    public boolean contains(InetAddress address) {
        return blocks.contains(address);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }
}
