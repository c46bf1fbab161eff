package org.voxgate.media;

/**
 * Receives DTMF digits from the caller, one call per key press.
 *
 * <p>Threading: called on a media I/O thread; implementations must not block.
 */
@FunctionalInterface
public interface DtmfListener {
    /**
     * @param digit one of {@code 0-9 * # A-D}
     * @param durationMillis how long the key was held, as reported by the sender
     */
    void onDtmf(char digit, int durationMillis);
}
