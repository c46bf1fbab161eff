package org.voxgate.pipeline.bridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Twilio-shaped identifiers: two letters and 32 lower-case hex digits. The call SID and the
 * account SID are derived from our call id and bot name (stable, so a bot's logs can be
 * matched with ours); the stream SID is random per stream, as Twilio's is.
 *
 * <p>Stateless and thread-safe.
 */
final class TwilioIds {
    private TwilioIds() {}

    /** {@code CA} + the first 32 hex digits of SHA-256 of the call id. */
    static String callSid(String callId) {
        return "CA" + digest(callId);
    }

    /** {@code AC} + the first 32 hex digits of SHA-256 of the bot name. */
    static String accountSid(String botName) {
        return "AC" + digest("voxgate-bot:" + botName);
    }

    /** {@code MZ} + 32 random hex digits. */
    static String streamSid() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return "MZ" + HexFormat.of().formatHex(random);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
