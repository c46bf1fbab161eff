package org.voxgate.media.audiosocket;

import org.voxgate.media.AudioChannel;
import org.voxgate.media.DtmfListener;
import org.voxgate.media.InboundAudioListener;
import org.voxgate.media.dtmf.DtmfTones;

/**
 * The {@link AudioChannel} of one AudioSocket connection. Inbound: the payloads of
 * {@link AudioSocketFrame#AUDIO} frames, whatever their size, are cut into 160-sample frames
 * for the listener (Asterisk sends 20 ms, but nothing in the protocol promises it); digits of
 * {@link AudioSocketFrame#DTMF} frames go to the DTMF listener with the default duration
 * (the protocol carries none). Outbound: {@link PlaybackPacer}. {@link #sendDtmf} plays
 * in-band tones, since AudioSocket has no outbound digit message.
 *
 * <p>Threading: {@link #onAudio} and {@link #onDigit} are called only by the connection's
 * reader thread, which owns the assembly buffer; listeners are called on that thread (a
 * virtual thread, so a slow listener delays only this connection). Everything else may be
 * called from any thread.
 */
final class AudioSocketChannel implements AudioChannel {
    private final PlaybackPacer pacer;
    private final short[] assembly = new short[FRAME_SAMPLES];
    private int assembled;
    private volatile InboundAudioListener inbound;
    private volatile DtmfListener dtmf;

    AudioSocketChannel(PlaybackPacer pacer) {
        this.pacer = pacer;
    }

    /** Reader thread: one audio payload. */
    void onAudio(short[] samples) {
        int i = 0;
        while (i < samples.length) {
            int n = Math.min(FRAME_SAMPLES - assembled, samples.length - i);
            System.arraycopy(samples, i, assembly, assembled, n);
            assembled += n;
            i += n;
            if (assembled == FRAME_SAMPLES) {
                assembled = 0;
                InboundAudioListener listener = inbound;
                if (listener != null) {
                    listener.onAudio(assembly);
                }
            }
        }
    }

    /** Reader thread: one digit. */
    void onDigit(char digit) {
        DtmfListener listener = dtmf;
        if (listener != null && DtmfTones.isKey(digit)) {
            listener.onDtmf(digit, DTMF_DEFAULT_MILLIS);
        }
    }

    @Override
    public void setInboundListener(InboundAudioListener listener) {
        inbound = listener;
    }

    @Override
    public void setDtmfListener(DtmfListener listener) {
        dtmf = listener;
    }

    @Override
    public void play(short[] pcm, int offset, int length) {
        pacer.play(pcm, offset, length);
    }

    @Override
    public void sendDtmf(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (!DtmfTones.isKey(digits.charAt(i))) {
                throw new IllegalArgumentException("not a DTMF key: '" + digits.charAt(i) + "' in " + digits);
            }
        }
        for (int i = 0; i < digits.length(); i++) {
            pacer.queueDtmf(digits.charAt(i), DTMF_DEFAULT_MILLIS);
        }
    }

    @Override
    public void sendDtmf(char digit, int durationMillis) {
        if (!DtmfTones.isKey(digit)) {
            throw new IllegalArgumentException("not a DTMF key: '" + digit + "'");
        }
        pacer.queueDtmf(digit, Math.max(40, Math.min(5000, durationMillis)));
    }

    @Override
    public void clearPlayback() {
        pacer.clear();
    }

    @Override
    public long queuedPlaybackMillis() {
        return pacer.queuedMillis();
    }
}
