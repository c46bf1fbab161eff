package org.voxgate.media;

/**
 * The audio face of a call as the voice pipeline sees it: 8 kHz mono 16-bit PCM in 20 ms
 * frames, both ways.
 *
 * <p>Threading: listeners are invoked on a media I/O thread and must not block; copy the
 * frame and hand it off. {@link #play}, {@link #clearPlayback} and
 * {@link #queuedPlaybackMillis} may be called from any thread.
 */
public interface AudioChannel {
    /** Sample rate of every frame crossing this interface. */
    int SAMPLE_RATE = 8000;
    /** Samples in one 20 ms frame at {@link #SAMPLE_RATE}. */
    int FRAME_SAMPLES = 160;

    /** Sets (or clears, with {@code null}) the receiver of decoded caller audio. */
    void setInboundListener(InboundAudioListener listener);

    /**
     * Chooses when caller audio reaches the inbound listener: {@link InboundPlayout#EAGER} (as
     * it arrives; a bot) or {@link InboundPlayout#PACED} (a frame per 20 ms at the jitter
     * buffer's delay; a person listening). Any thread, at any time. Channels without a jitter
     * buffer deliver as they receive and ignore this (the default).
     */
    default void setInboundPlayout(InboundPlayout playout) {}

    /** Sets (or clears, with {@code null}) the receiver of caller DTMF digits. */
    void setDtmfListener(DtmfListener listener);

    /**
     * Queues audio to be sent to the caller, paced at 20 ms per frame. The samples are
     * copied; the caller keeps ownership of the array.
     */
    void play(short[] pcm, int offset, int length);

    /**
     * Sends DTMF digits to the caller, each held {@value #DTMF_DEFAULT_MILLIS} ms and followed by
     * a short gap: as RFC 4733 telephone-events when the far end negotiated them, otherwise as
     * in-band tones. Queued audio waits while digits play. Returns at once.
     *
     * @param digits characters of {@code 0-9 * # A-D}
     * @throws IllegalArgumentException if any character is not a DTMF key (nothing is sent)
     */
    void sendDtmf(String digits);

    /**
     * Sends one DTMF digit held for {@code durationMillis} (clamped to 40..5000 ms).
     *
     * @throws IllegalArgumentException if {@code digit} is not a DTMF key
     */
    void sendDtmf(char digit, int durationMillis);

    /** How long {@link #sendDtmf(String)} holds each digit. */
    int DTMF_DEFAULT_MILLIS = 100;

    /** Drops every queued, not yet sent, outbound sample (barge-in). */
    void clearPlayback();

    /** How much outbound audio is queued and not yet sent, in milliseconds. */
    long queuedPlaybackMillis();

    /**
     * Sets (or clears, with {@code null}) the listener told when queued audio starts going out
     * after the queue was empty. Channels that pace audio onto a wire override this; the
     * default ignores the listener (no such moment is known).
     */
    default void setPlaybackListener(PlaybackListener listener) {}

    /**
     * Chooses when audio queued on an idle channel starts going out: at once
     * ({@link PlaybackStart#IMMEDIATE}, a bot's reply) or on the pacer's next tick
     * ({@link PlaybackStart#ON_TICK}). Any thread, at any time. Channels that do not pace audio
     * onto a wire ignore this (the default).
     */
    default void setPlaybackStart(PlaybackStart start) {}
}
