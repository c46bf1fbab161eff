package org.voxgate.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SIP user (a phone account that registers): its digest HA1 hashes for the realm they were
 * computed in, never the password.
 *
 * <p>Immutable.
 *
 * @param username the SIP user name, unique
 * @param realm the digest realm the HA1s were computed for
 * @param ha1Md5 lower-case hex MD5(username:realm:password)
 * @param ha1Sha256 lower-case hex SHA-256(username:realm:password)
 * @param displayName a name for people, or null
 * @param enabled false to refuse the user's registrations without deleting it
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record SipUser(String username, String realm, String ha1Md5, String ha1Sha256, String displayName,
        boolean enabled, Instant createdAt, Instant updatedAt) {

    public SipUser {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(ha1Md5, "ha1Md5");
        Objects.requireNonNull(ha1Sha256, "ha1Sha256");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new user whose HA1s are computed from {@code password}, which is not kept. */
    public static SipUser create(String username, String realm, String password, String displayName, boolean enabled,
            Instant now) {
        return new SipUser(username, realm, ha1("MD5", username, realm, password),
                ha1("SHA-256", username, realm, password), displayName, enabled, now, now);
    }

    /** This user with a new password (HA1s recomputed in {@code realm}), changed at {@code now}. */
    public SipUser withPassword(String realm, String password, Instant now) {
        return new SipUser(username, realm, ha1("MD5", username, realm, password),
                ha1("SHA-256", username, realm, password), displayName, enabled, createdAt, now);
    }

    /** This user with another display name and enabled flag, changed at {@code now}. */
    public SipUser withProfile(String newDisplayName, boolean newEnabled, Instant now) {
        return new SipUser(username, realm, ha1Md5, ha1Sha256, newDisplayName, newEnabled, createdAt, now);
    }

    // The digest HA1 of RFC 7616 3.4.2; the SIP server computes the same with its own
    // DigestAlgorithm (the store may not depend on it), and a test checks they agree.
    private static String ha1(String algorithm, String username, String realm, String password) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm)
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }

    /** No HA1s in logs. */
    @Override
    public String toString() {
        return "SipUser[" + username + ", realm=" + realm + ", enabled=" + enabled + "]";
    }
}
