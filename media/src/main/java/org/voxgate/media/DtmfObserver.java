package org.voxgate.media;

/**
 * Observes every DTMF digit of a call together with where it came from, for the call's
 * event log. It sees the same digits as the {@link DtmfListener}, independently of it, so
 * recording digits never depends on which bot listens.
 *
 * <p>Threading: called on a media I/O thread (or, for {@link DtmfSource#SIP_INFO}, on the
 * thread that injected the digit); implementations must not block.
 */
@FunctionalInterface
public interface DtmfObserver {
    /**
     * @param digit one of {@code 0-9 * # A-D}
     * @param durationMillis how long the key was held, as reported or measured
     * @param source how the digit arrived
     */
    void onDtmf(char digit, int durationMillis, DtmfSource source);
}
