package org.voxgate.sip.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces: {@code base64url(issuedAtMillis | 8 random bytes | HMAC-SHA256 tag)},
 * signed with a per-node random secret. Nothing is remembered per issued nonce, so a flood of
 * unanswered challenges costs no memory; a restart makes old nonces invalid (the peer simply
 * gets a new challenge).
 *
 * <p>Thread-safe: the secret is immutable and each call makes its own {@link Mac}.
 */
final class NonceService {
    private static final int PAYLOAD = 16;
    private static final int TAG = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration lifetime;

    NonceService(SecureRandom random, Clock clock, Duration lifetime) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.random = random;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A fresh nonce carrying the current time. */
    String issue() {
        ByteBuffer buf = ByteBuffer.allocate(PAYLOAD + TAG);
        buf.putLong(clock.millis());
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        buf.put(salt);
        buf.put(tag(buf.array()));
        return ENCODER.encodeToString(buf.array());
    }

    /** When a nonce we signed was issued; empty for anything we did not sign. */
    Optional<Instant> issuedAt(String nonce) {
        byte[] raw;
        try {
            raw = DECODER.decode(nonce);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != PAYLOAD + TAG) {
            return Optional.empty();
        }
        byte[] expected = tag(raw);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, PAYLOAD, PAYLOAD + TAG))) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(ByteBuffer.wrap(raw).getLong()));
    }

    /** True when a nonce issued at {@code issuedAt} is past its lifetime (or from the future). */
    boolean expired(Instant issuedAt) {
        Instant now = clock.instant();
        return issuedAt.plus(lifetime).isBefore(now) || issuedAt.isAfter(now.plusSeconds(5));
    }

    Duration lifetime() {
        return lifetime;
    }

    private byte[] tag(byte[] buffer) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(buffer, 0, PAYLOAD);
            return Arrays.copyOf(mac.doFinal(), TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e); // every JDK has it
        }
    }
}
