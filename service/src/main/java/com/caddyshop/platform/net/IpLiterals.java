package com.caddyshop.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals only. {@link InetAddress#getByName} would resolve anything else
 * through DNS; a header value must never trigger a lookup, so only strings shaped like an address
 * reach it. IPv4-mapped IPv6 addresses come back as IPv4, so one client has one spelling.
 */
public final class IpLiterals {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        int zone = candidate.indexOf('%');
        if (zone > 0 && candidate.indexOf(':') >= 0) {
            // A link-local scope ("fe80::1%eth0") names the interface, not another client.
            candidate = candidate.substring(0, zone);
        }
        if (candidate.isEmpty() || candidate.length() > 45
                || !(IPV4.matcher(candidate).matches() || IPV6.matcher(candidate).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
    }
}
