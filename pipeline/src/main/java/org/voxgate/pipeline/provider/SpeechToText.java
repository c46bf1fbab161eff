package org.voxgate.pipeline.provider;

/**
 * A streaming speech-to-text provider (Deepgram live, the local recognizer, ...), configured
 * once and shared by every call.
 *
 * <p>Threading: thread-safe; {@link #open} returns at once (the connection is made on the
 * client's own thread, and audio sent before it is up is buffered).
 */
public interface SpeechToText {
    /** Vendor name, e.g. {@code deepgram}; the metrics and cost tag. */
    String vendor();

    /** Model id, e.g. {@code nova-3}; the pricing key. */
    String model();

    /** Opens one stream for one call. Results and failures go to {@code listener}. */
    SttStream open(SttListener listener);
}
