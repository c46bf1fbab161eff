package org.voxgate.pipeline.provider;

/**
 * A realtime speech-to-speech model (OpenAI Realtime, Gemini Live), configured once and shared
 * by every call.
 *
 * <p>Threading: thread-safe; {@link #open} returns at once.
 */
public interface RealtimeModel {
    /** Vendor name, e.g. {@code openai}; the metrics and cost tag. */
    String vendor();

    /** Model id, e.g. {@code gpt-realtime}; the pricing key. */
    String model();

    /** Opens one conversation for one call. Events and failures go to {@code listener}. */
    RealtimeStream open(RealtimeSession session, RealtimeListener listener);
}
