package org.voxgate.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest hash functions SIP uses (RFC 7616, RFC 8760), with the HA1 and response
 * computations both a server (checking) and a client (answering a challenge) need.
 *
 * <p>Thread-safe and stateless: every call makes its own {@link MessageDigest}.
 */
public enum DigestAlgorithm {
    /** RFC 8760 prefers this one; offered first. */
    SHA_256("SHA-256", "SHA-256"),
    /** The RFC 2617 default, still what most phones speak. */
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The name used in the {@code algorithm=} parameter. */
    public String token() {
        return token;
    }

    /** The algorithm for an {@code algorithm=} value (case-insensitive); absent means MD5 (RFC 2617). */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of(MD5);
        }
        String t = token.toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.token.equals(t)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of the hash of {@code text} in UTF-8. */
    public String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e); // every JDK has both
        }
    }

    /** HA1 = H(username:realm:password): the only form in which a secret is ever stored. */
    public String ha1(String username, String realm, String password) {
        return hash(username + ":" + realm + ":" + password);
    }

    /** response = H(HA1:nonce:nc:cnonce:qop:H(method:uri)), the qop=auth form (RFC 7616 3.4.1). */
    public String response(String ha1, String nonce, String nc, String cnonce, String qop, String method, String uri) {
        return hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + hash(method + ":" + uri));
    }

    /** response = H(HA1:nonce:H(method:uri)), the RFC 2069 form for challenges without qop. */
    public String response(String ha1, String nonce, String method, String uri) {
        return hash(ha1 + ":" + nonce + ":" + hash(method + ":" + uri));
    }
}
