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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces: {@code base64url(issuedAtMillis | 8-byte serial | HMAC-SHA256 tag)},
 * signed with a per-node random secret. Nothing is remembered per issued nonce, so a flood of
 * unanswered challenges costs no memory; a restart makes old nonces invalid (the peer simply
 * gets a new challenge). The serial (a counter from a random start) only makes every nonce
 * unique; unforgeability comes from the tag, so no random bytes are drawn per nonce.
 *
 * <p>Thread-safe: the secret is immutable; {@link Mac}s are pooled because making and keying
 * one costs more than the HMAC itself.
 */
final class NonceService {
    private static final int PAYLOAD = 16;
    private static final int TAG = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final AtomicLong serial;
    private final ConcurrentLinkedQueue<Mac> macs = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private final Duration lifetime;

    NonceService(SecureRandom random, Clock clock, Duration lifetime) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.serial = new AtomicLong(random.nextLong());
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A fresh nonce carrying the current time. */
    String issue() {
        ByteBuffer buf = ByteBuffer.allocate(PAYLOAD + TAG);
        buf.putLong(clock.millis());
        buf.putLong(serial.getAndIncrement());
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
        Mac mac = macs.poll();
        if (mac == null) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e); // every JDK has it
            }
        }
        mac.update(buffer, 0, PAYLOAD);
        byte[] tag = Arrays.copyOf(mac.doFinal(), TAG); // doFinal also resets it for reuse
        if (macs.size() < 64) {
            macs.offer(mac);
        }
        return tag;
    }
}
