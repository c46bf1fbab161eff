package org.voxgate.media;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.voxgate.media.dtmf.DtmfTones;

/**
 * Plays queued DTMF digits on the pacer, one 20 ms frame per {@link #next} call: as RFC 4733
 * telephone-event packets when the far end negotiated them, otherwise as in-band dual tones in
 * the audio. Each digit is followed by a gap of silence so the far end sees separate presses.
 *
 * <p>RFC 4733 (section 2.5): the first packet of an event carries the marker; every packet of
 * the event carries the event's start timestamp (kept by {@link RtpSender}) and the duration
 * so far, growing by one frame per packet; the final packet has the end bit and is sent three
 * times with the same final duration, as the RFC recommends for loss tolerance.
 *
 * <p>Threading: {@link #enqueue} may be called from any thread; everything else only on the
 * pacer thread. Allocation: none per frame (one small object per queued digit).
 */
final class DtmfSender {
    /** What {@link #next} produced for this tick. */
    enum Frame {
        /** Nothing to play: send the normal audio. */
        NONE,
        /** A telephone-event payload is in the event buffer. */
        EVENT,
        /** In-band tone samples are in the PCM buffer. */
        TONE,
        /** Silence between digits. */
        GAP
    }

    static final int DEFAULT_DURATION_MILLIS = AudioChannel.DTMF_DEFAULT_MILLIS;
    static final int MIN_DURATION_MILLIS = 40;
    static final int MAX_DURATION_MILLIS = 5000;
    /** Silence after each digit; Q.24 receivers need at least 40 ms. */
    static final int GAP_MILLIS = 80;
    static final int END_REPEATS = 3;
    /** RFC 4733 volume field: the tone's power as -dBm0 (10 = -10 dBm0). */
    static final int VOLUME = 10;
    private static final int FRAME_MILLIS = AudioChannel.FRAME_SAMPLES * 1000 / AudioChannel.SAMPLE_RATE;

    private record Digit(char key, int durationMillis) {}

    private final ConcurrentLinkedQueue<Digit> queue = new ConcurrentLinkedQueue<>();
    private final DtmfTones tones = new DtmfTones(AudioChannel.SAMPLE_RATE);
    private final byte[] event = new byte[4];

    // pacer-thread state of the digit being played
    private boolean playing;
    private boolean asEvent;
    private int code;
    private int targetUnits;
    private int units;
    private int endsSent;
    private int toneFramesLeft;
    private int gapFramesLeft;
    private boolean eventStart;

    /** Queues a digit; any thread. */
    void enqueue(char key, int durationMillis) {
        if (!DtmfTones.isKey(key)) {
            throw new IllegalArgumentException("not a DTMF key: '" + key + "'");
        }
        int ms = Math.max(MIN_DURATION_MILLIS, Math.min(MAX_DURATION_MILLIS, durationMillis));
        queue.add(new Digit(key, ms));
    }

    /** Whether a digit is playing or queued; pacer thread. */
    boolean busy() {
        return playing || !queue.isEmpty();
    }

    /** The telephone-event payload of the last {@link Frame#EVENT} frame. */
    byte[] eventPayload() {
        return event;
    }

    /** Whether the last {@link Frame#EVENT} frame opens its event (marker bit, new timestamp). */
    boolean eventStart() {
        return eventStart;
    }

    /**
     * Advances one frame.
     *
     * @param telephoneEvent whether telephone-event was negotiated (decides a new digit's form)
     * @param pcm where {@link Frame#TONE} samples go, {@link AudioChannel#FRAME_SAMPLES} of them
     */
    Frame next(boolean telephoneEvent, short[] pcm) {
        if (!playing) {
            Digit d = queue.poll();
            if (d == null) {
                return Frame.NONE;
            }
            begin(d, telephoneEvent);
        }
        if (asEvent && endsSent < END_REPEATS) {
            return eventFrame();
        }
        if (!asEvent && toneFramesLeft > 0) {
            toneFramesLeft--;
            tones.fill(pcm, 0, AudioChannel.FRAME_SAMPLES);
            return Frame.TONE;
        }
        if (--gapFramesLeft <= 0) {
            playing = false;
        }
        return Frame.GAP;
    }

    private void begin(Digit d, boolean telephoneEvent) {
        playing = true;
        asEvent = telephoneEvent;
        code = "0123456789*#ABCD".indexOf(d.key());
        targetUnits = Math.min(0xFFFF, d.durationMillis() * AudioChannel.SAMPLE_RATE / 1000);
        units = 0;
        endsSent = 0;
        toneFramesLeft = (d.durationMillis() + FRAME_MILLIS - 1) / FRAME_MILLIS;
        gapFramesLeft = GAP_MILLIS / FRAME_MILLIS;
        tones.start(d.key());
    }

    private Frame eventFrame() {
        eventStart = units == 0;
        boolean end = false;
        if (units < targetUnits) {
            units = Math.min(targetUnits, units + AudioChannel.FRAME_SAMPLES);
        }
        if (units >= targetUnits) {
            end = true;
            endsSent++;
        }
        event[0] = (byte) code;
        event[1] = (byte) ((end ? 0x80 : 0) | VOLUME);
        event[2] = (byte) (units >> 8);
        event[3] = (byte) units;
        return Frame.EVENT;
    }
}
