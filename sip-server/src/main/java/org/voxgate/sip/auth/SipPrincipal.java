package org.voxgate.sip.auth;

import java.util.Objects;

/**
 * Who a set of digest credentials belongs to: a SIP user (a phone registering) or a trunk
 * (a carrier or PBX that authenticates its INVITEs with digest).
 *
 * <p>Immutable.
 *
 * @param kind user or trunk
 * @param id the user's username or the trunk's id in the store
 */
public record SipPrincipal(Kind kind, String id) {
    /** What sort of party authenticated. */
    public enum Kind { USER, TRUNK }

    public SipPrincipal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static SipPrincipal user(String username) {
        return new SipPrincipal(Kind.USER, username);
    }

    public static SipPrincipal trunk(String trunkId) {
        return new SipPrincipal(Kind.TRUNK, trunkId);
    }
}
