package org.voxgate.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's listeners of one {@link RtpSession} (inbound audio, DTMF, media timeout)
 * and their fail-safe delivery: a listener that throws is logged and does not break the
 * session's receive or pacer path.
 *
 * <p>Threading: listeners may be set from any thread at any time (volatile); audio and
 * received DTMF are delivered on the session's socket thread, injected DTMF on the caller's
 * thread, the timeout on the pacer thread. Ownership: one per session, owned by it.
 */
final class SessionListeners {
    private static final Logger LOG = LoggerFactory.getLogger(SessionListeners.class);

    private final String callId;
    private volatile InboundAudioListener inbound;
    private volatile DtmfListener dtmf;
    private volatile Runnable timeout;

    SessionListeners(String callId) {
        this.callId = callId;
    }

    void setInbound(InboundAudioListener listener) { this.inbound = listener; }

    void setDtmf(DtmfListener listener) { this.dtmf = listener; }

    void setTimeout(Runnable onTimeout) { this.timeout = onTimeout; }

    /** Hands one decoded 20 ms frame to the inbound listener, if any. */
    void audio(short[] frame) {
        InboundAudioListener l = inbound;
        if (l != null) {
            try {
                l.onAudio(frame);
            } catch (RuntimeException e) {
                CallLog.warn(LOG, callId, "inbound audio listener failed", e);
            }
        }
    }

    /** Hands one DTMF digit, received or injected, to the DTMF listener, if any. */
    void dtmf(char digit, int durationMillis) {
        CallLog.debug(LOG, callId, "DTMF {} ({} ms)", digit, durationMillis);
        DtmfListener l = dtmf;
        if (l != null) {
            try {
                l.onDtmf(digit, durationMillis);
            } catch (RuntimeException e) {
                CallLog.warn(LOG, callId, "DTMF listener failed", e);
            }
        }
    }

    /** Tells the timeout listener, if any, that RTP stopped arriving. */
    void timedOut() {
        Runnable l = timeout;
        if (l != null) {
            try {
                l.run();
            } catch (RuntimeException e) {
                CallLog.warn(LOG, callId, "timeout listener failed", e);
            }
        }
    }
}
