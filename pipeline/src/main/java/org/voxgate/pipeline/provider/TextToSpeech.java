package org.voxgate.pipeline.provider;

/**
 * A streaming text-to-speech provider (Deepgram Aura, ElevenLabs, the local espeak-ng, ...),
 * configured once and shared by every call.
 *
 * <p>Threading: thread-safe; {@link #open} returns at once.
 */
public interface TextToSpeech {
    /** Vendor name, e.g. {@code elevenlabs}; the metrics and cost tag. */
    String vendor();

    /** Model id (e.g. {@code aura-2-thalia-en}, {@code eleven_flash_v2_5}); the pricing key. */
    String model();

    /** Opens one synthesis stream for one call. Audio and failures go to {@code listener}. */
    TtsStream open(TtsListener listener);
}
