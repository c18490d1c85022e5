package com.caddyshop.platform.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of single addresses or CIDR blocks ({@code 10.0.0.0/24}, {@code ::1}) read from a setting.
 * An entry that is neither is refused at start-up with the setting's name: silently ignoring it
 * would let through, or shut out, whoever it was meant for.
 */
public final class AddressBlocks {
    private final List<Block> blocks;

    private AddressBlocks(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static AddressBlocks of(List<String> entries, String setting) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            blocks.add(Block.parse(entry.trim(), setting));
        }
        return new AddressBlocks(blocks);
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
        static Block parse(String entry, String setting) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = IpLiterals.parse(address)
                    .orElseThrow(() -> new IllegalArgumentException(setting + " entry is not an IP address or CIDR block: " + entry))
                    .getAddress();
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException(setting + " entry has an invalid prefix length: " + entry);
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
