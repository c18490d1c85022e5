package com.caddyshop.platform.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
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

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static TrustedProxies of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        if (entries.stream().anyMatch(entry -> entry.trim().equalsIgnoreCase(NONE))) {
            if (entries.size() > 1) {
                throw new IllegalArgumentException("TRUSTED_PROXIES is `none` or a list of addresses, not both");
            }
            return new TrustedProxies(blocks);
        }
        for (String entry : entries) {
            blocks.add(Block.parse(entry.trim()));
        }
        return new TrustedProxies(blocks);
    }

    public boolean contains(InetAddress address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    private record Block(byte[] network, int prefixBits) {
        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = IpLiterals.parse(address)
                    .orElseThrow(() -> new IllegalArgumentException("TRUSTED_PROXIES entry is not an IP address or CIDR block: " + entry))
                    .getAddress();
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("TRUSTED_PROXIES entry has an invalid prefix length: " + entry);
                }
            }
            return new Block(network, bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixBits % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = 0xFF << (8 - restBits) & 0xFF;
            return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
