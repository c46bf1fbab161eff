package org.voxgate.pipeline.amd;

import org.voxgate.pipeline.turn.VoiceDetector;

/**
 * Says whether a frame is speech: the voice detector agrees and the frame is well above the
 * line's noise floor. The WebRTC VAD alone calls steady background noise speech, which would
 * make a person in a noisy room look like a machine that never stops talking; the floor
 * follows the quietest frames at once and rises slowly (about x2.7 per second), so a long
 * greeting does not lift it far.
 *
 * <p>Threading: not thread-safe; owned by one detector on the call's media thread. Ownership:
 * frames are read, never kept; the voice detector is borrowed (the owner closes it).
 */
final class SpeechGate {
    /** Below this RMS (16-bit scale, about -47 dBFS) nothing is speech. */
    private static final double MIN_RMS = 150;
    /** Speech must be this many times the noise floor's RMS (about 10 dB). */
    private static final double OVER_FLOOR = 3.0;
    private static final double FLOOR_RISE = 1.01;
    /**
     * The most the first frame may set the floor to (about -40 dBFS): a greeting spoken as the
     * call is answered must not be taken for the line's noise.
     */
    private static final double MAX_INITIAL_FLOOR = 300;

    private final VoiceDetector voice;
    private double floor = -1;

    SpeechGate(VoiceDetector voice) {
        this.voice = voice;
    }

    boolean isSpeech(short[] frame) {
        double rms = rms(frame);
        if (floor < 0) {
            floor = Math.min(rms, MAX_INITIAL_FLOOR);
        } else if (rms < floor) {
            floor = rms;
        } else {
            floor = Math.min(rms, floor * FLOOR_RISE + 1);
        }
        // Always ask the VAD, even for quiet frames, so its own adaptive state sees every frame.
        boolean voiced = voice.isSpeech(frame);
        return voiced && rms >= MIN_RMS && rms >= OVER_FLOOR * floor;
    }

    static double rms(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / frame.length);
    }
}
