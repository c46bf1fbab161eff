package org.voxgate.pipeline.offline;

import java.util.Arrays;
import org.voxgate.media.AudioChannel;

/**
 * Cuts the caller's audio into utterances: a turn starts after enough consecutive voiced
 * frames and ends after enough silence or at the maximum length. Time is counted in 20 ms
 * frames, never read from a clock, so a test drives it with frames alone.
 *
 * <p>Threading: not thread-safe; owned by one call's session thread. Ownership: frames given
 * to {@link #accept} are copied; a returned {@link Utterance} is a new array owned by the
 * caller. Steady-state frames allocate nothing.
 */
final class TurnDetector {
    /** Decides whether one 20 ms frame is speech (the WebRTC VAD in production). */
    @FunctionalInterface
    interface FrameClassifier {
        boolean isSpeech(short[] frame);
    }

    /** One caller turn: samples from the pre-roll through the end of speech. */
    record Utterance(short[] samples, boolean truncated) {
        long millis() {
            return samples.length * 1000L / AudioChannel.SAMPLE_RATE;
        }
    }

    private static final int FRAME = AudioChannel.FRAME_SAMPLES;
    private static final int FRAME_MS = 20;
    /** Trailing silence kept in an utterance: enough for the recogniser to see the end. */
    private static final int KEPT_TRAILING_FRAMES = 15;

    private final FrameClassifier classifier;
    private final int startFrames;
    private final int endFrames;
    private final int maxFrames;
    private final int preRollFrames;
    /** Ring of the most recent frames before speech started. */
    private final short[] preRoll;
    private final short[] utterance;
    private int preRollCount;
    private int preRollNext;
    private int voicedRun;
    private boolean inSpeech;
    private int utteranceFrames;
    private int silentRun;

    TurnDetector(FrameClassifier classifier, int speechStartMillis, int endSilenceMillis,
            int maxUtteranceMillis, int preRollMillis) {
        this.classifier = classifier;
        this.startFrames = Math.max(1, speechStartMillis / FRAME_MS);
        this.endFrames = Math.max(1, endSilenceMillis / FRAME_MS);
        this.maxFrames = Math.max(1, maxUtteranceMillis / FRAME_MS);
        // The pre-roll must at least hold the voiced frames that triggered the start.
        this.preRollFrames = Math.max(startFrames, preRollMillis / FRAME_MS);
        this.preRoll = new short[preRollFrames * FRAME];
        this.utterance = new short[(preRollFrames + maxFrames) * FRAME];
    }

    /** Whether the caller is talking now (used to hold off silence timeouts, later barge-in). */
    boolean inSpeech() {
        return inSpeech;
    }

    /** Forgets everything heard so far (for example while the bot itself is talking). */
    void reset() {
        preRollCount = 0;
        preRollNext = 0;
        voicedRun = 0;
        inSpeech = false;
        utteranceFrames = 0;
        silentRun = 0;
    }

    /**
     * @param frame {@link AudioChannel#FRAME_SAMPLES} samples
     * @return the finished utterance if this frame ended one, otherwise {@code null}
     */
    Utterance accept(short[] frame) {
        if (frame.length != FRAME) {
            throw new IllegalArgumentException("expected a 20 ms frame of " + FRAME + " samples, got " + frame.length);
        }
        boolean voiced = classifier.isSpeech(frame);
        if (!inSpeech) {
            remember(frame);
            voicedRun = voiced ? voicedRun + 1 : 0;
            if (voicedRun >= startFrames) {
                begin();
            }
            return null;
        }
        System.arraycopy(frame, 0, utterance, utteranceFrames * FRAME, FRAME);
        utteranceFrames++;
        silentRun = voiced ? 0 : silentRun + 1;
        if (silentRun >= endFrames) {
            return finish(false);
        }
        if (utteranceFrames >= preRollFrames + maxFrames) {
            return finish(true);
        }
        return null;
    }

    private void remember(short[] frame) {
        System.arraycopy(frame, 0, preRoll, preRollNext * FRAME, FRAME);
        preRollNext = (preRollNext + 1) % preRollFrames;
        preRollCount = Math.min(preRollCount + 1, preRollFrames);
    }

    private void begin() {
        inSpeech = true;
        silentRun = 0;
        int oldest = (preRollNext - preRollCount + preRollFrames) % preRollFrames;
        for (int i = 0; i < preRollCount; i++) {
            int slot = (oldest + i) % preRollFrames;
            System.arraycopy(preRoll, slot * FRAME, utterance, i * FRAME, FRAME);
        }
        utteranceFrames = preRollCount;
    }

    private Utterance finish(boolean truncated) {
        int dropped = Math.max(0, silentRun - KEPT_TRAILING_FRAMES);
        short[] samples = Arrays.copyOf(utterance, (utteranceFrames - dropped) * FRAME);
        reset();
        return new Utterance(samples, truncated);
    }
}
