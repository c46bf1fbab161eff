package org.voxgate.sip.auth;

import java.util.Objects;

/**
 * Stored digest secrets of one username in one realm: HA1 for each algorithm we offer, never
 * the password. A missing HA1 (null) means that algorithm is refused for this username.
 *
 * <p>Immutable.
 *
 * @param principal who these credentials belong to
 * @param ha1Md5 lower-case hex H(username:realm:password) with MD5, or null
 * @param ha1Sha256 lower-case hex H(username:realm:password) with SHA-256, or null
 */
public record DigestCredentials(SipPrincipal principal, String ha1Md5, String ha1Sha256) {
    public DigestCredentials {
        Objects.requireNonNull(principal, "principal");
    }

    /** Credentials with both HA1s computed from a password (which is then forgotten). */
    public static DigestCredentials fromPassword(SipPrincipal principal, String username, String realm, String password) {
        return new DigestCredentials(principal, DigestAlgorithm.MD5.ha1(username, realm, password),
                DigestAlgorithm.SHA_256.ha1(username, realm, password));
    }

    /** The HA1 for {@code algorithm}, or null when none is stored for it. */
    public String ha1(DigestAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> ha1Md5;
            case SHA_256 -> ha1Sha256;
        };
    }
}
