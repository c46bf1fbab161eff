package org.voxgate.media.codec;

import org.voxgate.media.Codec;
import org.voxgate.media.CodecOptions;

/**
 * Creates the per-session {@link AudioEncoder} and {@link AudioDecoder} for a negotiated codec.
 *
 * <p>Threading: stateless; thread-safe. Ownership: the caller owns (and must close) what it
 * gets.
 */
public final class AudioCodecs {
    private AudioCodecs() {}

    /** An encoder for {@code codec}, honouring what the peer's fmtp said. */
    public static AudioEncoder encoder(Codec codec, CodecOptions options) {
        return switch (codec) {
            case PCMU -> new G711Encoder(AudioCodec.PCMU);
            case PCMA -> new G711Encoder(AudioCodec.PCMA);
            case G722 -> new G722Encoder();
            case OPUS -> new OpusEncoder(options);
        };
    }

    /** A decoder for {@code codec}, honouring what the peer's fmtp said. */
    public static AudioDecoder decoder(Codec codec, CodecOptions options) {
        return switch (codec) {
            case PCMU -> new G711Decoder(AudioCodec.PCMU);
            case PCMA -> new G711Decoder(AudioCodec.PCMA);
            case G722 -> new G722Decoder();
            case OPUS -> new OpusDecoder(options);
        };
    }

    /**
     * Loads the native libraries now (Opus), so a platform without them fails at start-up
     * rather than in the middle of the first Opus call.
     */
    public static void preload() {
        OpusNative.load();
    }
}
