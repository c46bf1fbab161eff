package org.voxgate.sip;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One destination of an outbound leg: the Request-URI to INVITE (a trunk's
 * {@code sip:+14155550123@carrier:5060}, or a registered contact), and the credentials to
 * answer a 401/407 challenge with.
 *
 * <p>Immutable. {@link #toString()} leaves the password out.
 *
 * @param uri the Request-URI; its host, port and {@code transport} parameter decide where the
 *     INVITE goes (no DNS SRV; a host name is resolved by A record)
 * @param username digest user for challenges, or {@code null} to fail on a challenge
 * @param password digest password, or {@code null}
 * @param via where to send every request of the leg instead of the URI's host (the address a
 *     phone behind NAT registered from, RFC 3581 style), or {@code null}
 */
public record SipTarget(String uri, String username, String password, InetSocketAddress via) {
    public SipTarget {
        Objects.requireNonNull(uri, "uri");
    }

    /** A target reached at its URI's host. */
    public SipTarget(String uri, String username, String password) {
        this(uri, username, password, null);
    }

    /** A target that answers no challenge (a registered phone, an IP-authenticated trunk). */
    public static SipTarget of(String uri) {
        return new SipTarget(uri, null, null, null);
    }

    /** A registered phone reached through the address its REGISTER came from (behind NAT). */
    public static SipTarget via(String uri, InetSocketAddress via) {
        return new SipTarget(uri, null, null, via);
    }

    @Override
    public String toString() {
        return "SipTarget[" + uri + (username == null ? "" : ", user " + username)
                + (via == null ? "" : ", via " + via) + "]";
    }
}
