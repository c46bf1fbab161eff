package org.voxgate.sip;

import gov.nist.javax.sip.stack.HopImpl;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import org.voxgate.sip.location.PrivateAddresses;

/**
 * Where in-dialog requests of a call go when the caller is not behind a proxy (no route set):
 * the flow reuse rule.
 *
 * <ul>
 *   <li>Over TCP or TLS, back to the address the caller's connection came from, over that
 *       transport, so the stack reuses the connection the caller opened (a phone behind NAT or
 *       a firewall cannot accept a new one, and RFC 5923 asks for reuse anyway).
 *   <li>Over UDP, to the source of the caller's INVITE when its Contact names a private,
 *       loopback-free unreachable address (RFC 1918, 100.64/10 shared space, link-local, IPv6
 *       unique-local) that differs from the source: the phone is behind NAT and only the
 *       NAT binding its requests opened reaches it.
 *   <li>Otherwise to the Contact (RFC 3261 12.2), which is what JAIN-SIP does by default.
 * </ul>
 *
 * <p>Threading: immutable once computed.
 */
final class CallFlow {
    private CallFlow() {}

    /**
     * The hop to use instead of the Contact, or null to follow the Contact.
     *
     * @param source where the INVITE came from (may be null when the stack did not say)
     * @param transport the INVITE's transport, lower case
     * @param contact the INVITE's Contact URI (may be null)
     */
    static Hop hopFor(InetSocketAddress source, String transport, URI contact) {
        if (source == null || source.getAddress() == null) {
            return null;
        }
        String host = source.getAddress().getHostAddress();
        String t = transport.toLowerCase(Locale.ROOT);
        if (t.equals("tcp") || t.equals("tls")) {
            return new HopImpl(host, source.getPort(), t);
        }
        if (contact instanceof SipURI sip && isUnreachable(sip.getHost())
                && !sameAddress(sip.getHost(), source.getAddress())) {
            return new HopImpl(host, source.getPort(), t);
        }
        return null;
    }

    /** The hop for a phone reached through {@code address}, over the transport its URI names. */
    static Hop hopTo(InetSocketAddress address, String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        String transport = lower.contains("transport=tcp") ? "tcp" : lower.contains("transport=tls") ? "tls" : "udp";
        return new HopImpl(address.getAddress().getHostAddress(), address.getPort(), transport);
    }

    /** A literal address a public peer cannot reach: private, shared, link-local or ULA. */
    static boolean isUnreachable(String host) {
        return PrivateAddresses.isUnreachable(host);
    }

    private static boolean sameAddress(String host, InetAddress source) {
        return PrivateAddresses.sameAddress(host, source);
    }
}
