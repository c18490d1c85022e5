package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.net.AddressBlocks;
import java.net.InetAddress;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code TRUSTED_PROXIES}): single
 * addresses or CIDR blocks ({@code 10.0.0.0/24}). An entry that is neither is refused at start-up,
 * since silently ignoring it would put every client behind that proxy into one bucket. {@code none}
 * (alone) says explicitly that no proxy is in front: production refuses an empty list, which is
 * more often a forgotten setting than a decision.
 */
public final class TrustedProxies {
    /** The explicit "no proxy in front" value of {@code TRUSTED_PROXIES}. */
    public static final String NONE = "none";

    private final AddressBlocks blocks;

    private TrustedProxies(AddressBlocks blocks) {
        this.blocks = blocks;
    }

    public static TrustedProxies of(List<String> entries) {
        if (entries.stream().anyMatch(entry -> entry.trim().equalsIgnoreCase(NONE))) {
            if (entries.size() > 1) {
                throw new IllegalArgumentException("TRUSTED_PROXIES is `none` or a list of addresses, not both");
            }
            return new TrustedProxies(AddressBlocks.of(List.of(), "TRUSTED_PROXIES"));
        }
        return new TrustedProxies(AddressBlocks.of(entries, "TRUSTED_PROXIES"));
    }

    public boolean contains(InetAddress address) {
        return blocks.contains(address);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }
}
