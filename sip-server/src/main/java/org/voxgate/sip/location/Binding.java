package org.voxgate.sip.location;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One registered contact of an address of record (RFC 3261 10), with where the REGISTER
 * came from. A phone behind NAT registers a private Contact; requests to it must go to the
 * address and transport its REGISTER arrived from ({@link #target()}, RFC 3581 style).
 *
 * <p>Immutable.
 *
 * @param aor the address of record, {@code sip:user@realm}
 * @param contact the Contact URI as registered
 * @param receivedHost source IP address of the REGISTER
 * @param receivedPort source port of the REGISTER
 * @param transport transport the REGISTER came over: udp, tcp, tls
 * @param expiresAt when the binding lapses unless refreshed
 * @param callId Call-ID of the REGISTER that made or last refreshed it
 * @param cseq CSeq number of that REGISTER
 * @param userAgent the phone's User-Agent, or null
 * @param q preference 0.0 to 1.0 (RFC 3261 20.10); 1.0 when not given
 * @param updatedAt when the binding was last written
 */
public record Binding(String aor, String contact, String receivedHost, int receivedPort, String transport,
        Instant expiresAt, String callId, long cseq, String userAgent, float q, Instant updatedAt) {

    public Binding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(receivedHost, "receivedHost");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** True while the binding has not expired at {@code now}. */
    public boolean isLive(Instant now) {
        return expiresAt.isAfter(now);
    }

    /** Whole seconds left at {@code now} (0 once expired): the expires value we report. */
    public long secondsLeft(Instant now) {
        long left = Duration.between(now, expiresAt).toSeconds();
        return Math.max(0, left);
    }

    /** Where to send requests for this contact: the address the REGISTER came from. */
    public InetSocketAddress target() {
        return new InetSocketAddress(receivedHost, receivedPort);
    }

    /**
     * True when the Contact names a private address (RFC 1918, carrier-grade NAT, link-local,
     * unique-local) other than the REGISTER's source, or no readable address at all: the phone
     * sits behind NAT, is reached at the source address, and needs keep-alives to hold its
     * pinhole open. A Contact on a reachable address is used as it is, even when the REGISTER
     * came from elsewhere (a phone that registers from another port, a third-party
     * registration).
     */
    public boolean behindNat() {
        String hostPort = ContactUris.hostPort(contact);
        if (hostPort == null) {
            return true;
        }
        String host = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1)
                : hostPort.replaceFirst(":\\d+$", "");
        return PrivateAddresses.isUnreachable(host)
                && !PrivateAddresses.sameAddress(host, PrivateAddresses.literal(receivedHost));
    }
}
