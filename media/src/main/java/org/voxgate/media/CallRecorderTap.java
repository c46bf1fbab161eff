package org.voxgate.media;

/**
 * Receives a copy of both directions of a call's audio for recording: 8 kHz mono 16-bit PCM
 * in 20 ms frames of {@link AudioChannel#FRAME_SAMPLES} samples.
 *
 * <p>Timing contract: {@link #onBotFrame} is called exactly once per 20 ms pacer tick while the
 * session runs, with what was sent (silence included, and silence while we are not sending),
 * so the bot side is the recording's clock. {@link #onCallerFrame} is called once per decoded
 * inbound frame; it may come on another thread and in bursts (RTP arrival order) or once per
 * tick (a jitter buffer that conceals gaps). An implementation aligns the two by frame count,
 * using the number of bot frames seen when a caller frame arrives to re-synchronise.
 *
 * <p>Threading: both methods run on media I/O threads (the receive event loop and the pacer
 * thread) and must neither block nor do I/O; copy the frame and hand it off. Buffer
 * ownership: the array belongs to the caller and is reused right after the call returns.
 */
public interface CallRecorderTap {

    /** One frame of the caller's audio (left channel). */
    void onCallerFrame(short[] frame);

    /** One frame of what the bot sent in this tick (right channel). */
    void onBotFrame(short[] frame);
}
