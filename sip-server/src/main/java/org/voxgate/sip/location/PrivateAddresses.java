package org.voxgate.sip.location;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Tells the addresses a phone behind NAT puts in its Contact (RFC 1918 private, 100.64/10
 * carrier-grade NAT, link-local, IPv6 unique-local) from addresses a peer can reach. Literal
 * addresses only: a host name is never looked up.
 *
 * <p>Threading: stateless.
 */
public final class PrivateAddresses {
    private PrivateAddresses() {}

    /** Whether {@code host} is an IP literal a public peer cannot reach (loopback is reachable). */
    public static boolean isUnreachable(String host) {
        InetAddress address = literal(host);
        if (address == null || address.isLoopbackAddress()) {
            return false;
        }
        if (address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10 (carrier-grade NAT)
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
    }

    /** Whether {@code host} is an IP literal equal to {@code address}. */
    public static boolean sameAddress(String host, InetAddress address) {
        InetAddress literal = literal(host);
        return literal != null && literal.equals(address);
    }

    /** Parses an IP literal (brackets allowed) without any DNS lookup; null for names. */
    static InetAddress literal(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipv4 = h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        if (!ipv4 && h.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
