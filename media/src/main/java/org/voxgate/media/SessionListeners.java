package org.voxgate.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.dtmf.DtmfToneDetector;

/**
 * The application's listeners of one {@link RtpSession} (inbound audio, DTMF, media timeout)
 * and their fail-safe delivery: a listener that throws is logged and does not break the
 * session's receive or pacer path.
 *
 * <p>When telephone-event was not negotiated, every delivered frame also passes through an
 * in-band {@link DtmfToneDetector}, so tone digits reach the same listeners.
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
    private volatile DtmfObserver dtmfObserver;
    private volatile boolean inbandWanted;
    // frame-delivery thread state
    private final DtmfToneDetector toneDetector =
            new DtmfToneDetector(AudioChannel.SAMPLE_RATE, AudioChannel.FRAME_SAMPLES);
    private boolean inbandOn;

    SessionListeners(String callId) {
        this.callId = callId;
        toneDetector.setListener(this::inbandDtmf);
    }

    void setInbound(InboundAudioListener listener) { this.inbound = listener; }

    void setDtmf(DtmfListener listener) { this.dtmf = listener; }

    void setTimeout(Runnable onTimeout) { this.timeout = onTimeout; }

    void setDtmfObserver(DtmfObserver observer) { this.dtmfObserver = observer; }

    /** Switches in-band detection on (no telephone-event negotiated) or off; any thread. */
    void detectInband(boolean on) { this.inbandWanted = on; }

    /** Hands one decoded 20 ms frame to the inbound listener, if any. */
    void audio(short[] frame) {
        detectTones(frame);
        InboundAudioListener l = inbound;
        if (l != null) {
            try {
                l.onAudio(frame);
            } catch (RuntimeException e) {
                CallLog.warn(LOG, callId, "inbound audio listener failed", e);
            }
        }
    }

    private void detectTones(short[] frame) {
        boolean want = inbandWanted;
        if (want != inbandOn) {
            inbandOn = want;
            toneDetector.reset(); // a key half heard before the switch is not reported
        }
        if (want) {
            toneDetector.process(frame, AudioChannel.FRAME_SAMPLES);
        }
    }

    /** An RFC 4733 digit from the session's decoder. */
    void rfc4733Dtmf(char digit, int durationMillis) {
        dtmf(digit, durationMillis, DtmfSource.RFC4733);
    }

    private void inbandDtmf(char digit, int durationMillis) {
        dtmf(digit, durationMillis, DtmfSource.INBAND);
    }

    /** Hands one DTMF digit, received or injected, to the observer and the DTMF listener, if any. */
    void dtmf(char digit, int durationMillis, DtmfSource source) {
        CallLog.debug(LOG, callId, "DTMF {} ({} ms, {})", digit, durationMillis, source.code());
        DtmfObserver o = dtmfObserver;
        if (o != null) {
            try {
                o.onDtmf(digit, durationMillis, source);
            } catch (RuntimeException e) {
                CallLog.warn(LOG, callId, "DTMF observer failed", e);
            }
        }
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
