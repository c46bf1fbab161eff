package org.voxgate.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An admin API key as the client holds it: {@code vxg_<id>_<secret>}, where the id is 8 base62
 * characters (the row the server looks up) and the secret 32 or more (190 random bits when
 * generated here).
 *
 * <p>Only {@link #hash()} is ever stored. A plain SHA-256 is enough: slow password hashes
 * (PBKDF2, bcrypt) exist to make guessing low-entropy human passwords expensive, but a
 * generated key has 190 random bits, so even a leaked hash cannot be inverted by guessing, and
 * a fast hash keeps every request cheap.
 *
 * <p>Immutable; {@link #toString()} leaves the secret out.
 *
 * @param id the public part, also the key's id in the API
 * @param key the whole key
 */
record ApiKeyToken(String id, String key) {

    static final String PREFIX = "vxg_";
    static final int ID_LENGTH = 8;
    static final int SECRET_LENGTH = 32;
    private static final Pattern FORMAT = Pattern.compile("vxg_([0-9A-Za-z]{8})_[0-9A-Za-z]{32,128}");
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /** A new random key. */
    static ApiKeyToken generate(SecureRandom random) {
        String id = base62(random, ID_LENGTH);
        return new ApiKeyToken(id, PREFIX + id + "_" + base62(random, SECRET_LENGTH));
    }

    /** The key if {@code text} is one in the right format, else empty. */
    static Optional<ApiKeyToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        return m.matches() ? Optional.of(new ApiKeyToken(m.group(1), text)) : Optional.empty();
    }

    /** Lower-case hex SHA-256 of the whole key: what the store keeps. */
    String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether this key hashes to {@code storedHash}, compared in constant time. */
    boolean matches(String storedHash) {
        return MessageDigest.isEqual(hash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ApiKeyToken[" + PREFIX + id + "_***]";
    }

    private static String base62(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
