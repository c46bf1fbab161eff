package org.voxgate.media;

import java.net.InetSocketAddress;

/**
 * One call's RTP endpoint: a bound port pair (RTP on the even port, RTCP on the next), a
 * receive path that decodes the caller's audio and digits, and a 20 ms pacer that sends
 * what the bot plays.
 *
 * <p>Ownership: created by {@link MediaEngine#open}; the creator must {@link #close()} it on
 * every call end, which releases the ports. Threading: all methods are thread-safe.
 */
public interface MediaSession extends AudioChannel, AutoCloseable {

    /** The SIP Call-ID this session belongs to (for logs). */
    String callId();

    /** The local address and RTP port to put in the SDP answer. */
    InetSocketAddress localRtpAddress();

    /** Starts receiving and sending with the negotiated parameters. Call once. */
    void start(MediaParameters parameters);

    /**
     * Called once, on a media thread, when no RTP has arrived for the configured media
     * timeout after {@link #start}. The session keeps running; the owner decides to end.
     */
    void setTimeoutListener(Runnable onTimeout);

    /**
     * Applies parameters re-negotiated after {@link #start} (a re-INVITE or UPDATE offer, or
     * the answer to our own offer): a new codec or payload type takes effect on the next
     * frame both ways, and a new remote address is used at once and learned again from the
     * caller's next packet (symmetric RTP re-latch). Unchanged parameters change nothing.
     * Before {@link #start} it throws {@link IllegalStateException}.
     */
    void update(MediaParameters parameters);

    /** The parameters in use now, or {@code null} before {@link #start}. */
    MediaParameters parameters();

    /**
     * Delivers a digit that arrived outside RTP (for example in a SIP INFO) to the same
     * {@link DtmfListener} RFC 4733 digits reach, on the calling thread.
     *
     * @param digit one of {@code 0-9 * # A-D}; anything else is ignored
     */
    void injectDtmf(char digit, int durationMillis);

    /**
     * Sets (or clears, with {@code null}) an observer of every digit with its source, for the
     * call's event log; independent of the {@link DtmfListener}.
     */
    void setDtmfObserver(DtmfObserver observer);

    /**
     * Sets (or clears, with {@code null}) the tap that receives a copy of the caller's frames
     * and of every frame sent, for recording. Takes effect from the next frame.
     */
    void setRecorder(CallRecorderTap recorder);

    /** Counters for this session. */
    MediaStats stats();

    /** Stops sending and receiving and releases the ports. Idempotent. */
    @Override
    void close();
}
