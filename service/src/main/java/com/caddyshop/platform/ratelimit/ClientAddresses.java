package com.caddyshop.platform.ratelimit;

import com.caddyshop.platform.net.IpLiterals;
import com.codahale.metrics.Counter;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.InetAddress;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;

/**
 * The address a request really came from. The TCP peer is believed; {@code X-Forwarded-For} only
 * when that peer is a trusted proxy, and then it is read from the right: each hop appended by a
 * trusted proxy is skipped, and the first address not in the trusted list is the client. Entries
 * further left were written by the client itself and could say anything. An
 * {@code X-Forwarded-For} from a peer that is not trusted is ignored and counted
 * ({@code caddy_ratelimit_untrusted_forwarded_for_total}): many of them usually mean a proxy
 * missing from {@code TRUSTED_PROXIES}, whose clients then all share its budget.
 */
public final class ClientAddresses {
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    /** The request attribute (JAX-RS: property) where {@link ClientAddressFilter} leaves the address. */
    static final String ATTRIBUTE = ClientAddresses.class.getName();

    public static final String UNTRUSTED_FORWARDED_FOR = "caddy.ratelimit.untrusted_forwarded_for";

    private final TrustedProxies trusted;
    private final Counter untrustedForwardedFor;

    public ClientAddresses(TrustedProxies trusted, Counter untrustedForwardedFor) {
        this.trusted = trusted;
        this.untrustedForwardedFor = untrustedForwardedFor;
    }

    /**
     * The key an address is counted under: an IPv4 address itself, an IPv6 address by its /64
     * prefix, since one subscriber is usually given a whole /64 and could otherwise rotate through
     * fresh budgets at will.
     */
    public static String budgetKey(String address) {
        Optional<InetAddress> parsed = IpLiterals.parse(address);
        if (parsed.isEmpty() || parsed.get().getAddress().length != 16) {
            return address;
        }
        byte[] bytes = parsed.get().getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** The client address of a servlet request; several {@code X-Forwarded-For} headers count as one list. */
    public String of(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(FORWARDED_FOR);
        String forwardedFor = values == null || !values.hasMoreElements() ? null : String.join(",", Collections.list(values));
        return resolve(request.getRemoteAddr(), forwardedFor);
    }

    /** The address {@link ClientAddressFilter} resolved for this request. */
    static String of(ContainerRequestContext request) {
        return resolved(request.getProperty(ATTRIBUTE));
    }

    /** The address {@link ClientAddressFilter} resolved for this request (resources that hold the servlet request). */
    public static String resolvedFor(ServletRequest request) {
        return resolved(request.getAttribute(ATTRIBUTE));
    }

    private static String resolved(Object attribute) {
        if (attribute instanceof String address) {
            return address;
        }
        throw new IllegalStateException("ClientAddressFilter must run in front of Jersey");
    }

    /**
     * @param peer the socket's remote address
     * @param forwardedFor every {@code X-Forwarded-For} value joined by commas, or {@code null}
     */
    public String resolve(String peer, String forwardedFor) {
        Optional<InetAddress> peerAddress = IpLiterals.parse(peer);
        if (peerAddress.isEmpty()) {
            return peer == null ? "unknown" : peer;
        }
        InetAddress current = peerAddress.get();
        if (forwardedFor == null) {
            return current.getHostAddress();
        }
        if (!trusted.contains(current)) {
            untrustedForwardedFor.inc();
            return current.getHostAddress();
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0 && trusted.contains(current); i--) {
            Optional<InetAddress> hop = IpLiterals.parse(hops[i]);
            if (hop.isEmpty()) {
                // A trusted proxy wrote something that is no address: the proxy is all we know.
                break;
            }
            current = hop.get();
        }
        return current.getHostAddress();
    }
}
