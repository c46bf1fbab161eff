package org.voxgate.pipeline.provider.local;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Cuts 20 ms frames into utterances with a voice-activity classifier: an utterance starts
 * after {@code startFrames} voiced frames in a row (the frames before it, up to the pre-roll,
 * are kept so the first phoneme is not lost) and ends after {@code endFrames} unvoiced frames
 * or at {@code maxFrames}. Time is counted in frames, never read from a clock.
 *
 * <p>Threading: not thread-safe; owned by one stream, used under its lock. Ownership: frames
 * given to {@link #accept} are copied; {@link #take} returns a new array.
 */
final class UtteranceCutter {
    /** Whether one 20 ms frame is speech (the WebRTC VAD in production). */
    @FunctionalInterface
    interface Classifier {
        boolean isSpeech(short[] frame);
    }

    enum Event { NONE, STARTED, ENDED }

    private final Classifier classifier;
    private final int startFrames;
    private final int endFrames;
    private final int maxFrames;
    private final int preRollFrames;
    private final ArrayDeque<short[]> preRoll = new ArrayDeque<>();
    private short[] utterance = new short[0];
    private int length;
    private int frames;
    private int voicedRun;
    private int silentRun;
    private boolean inSpeech;
    private short[] finished;

    UtteranceCutter(Classifier classifier, int startFrames, int endFrames, int maxFrames, int preRollFrames) {
        this.classifier = classifier;
        this.startFrames = startFrames;
        this.endFrames = endFrames;
        this.maxFrames = maxFrames;
        this.preRollFrames = Math.max(startFrames, preRollFrames);
    }

    Event accept(short[] frame) {
        boolean voiced = classifier.isSpeech(frame);
        if (!inSpeech) {
            preRoll.addLast(frame.clone());
            if (preRoll.size() > preRollFrames) {
                preRoll.removeFirst();
            }
            voicedRun = voiced ? voicedRun + 1 : 0;
            if (voicedRun < startFrames) {
                return Event.NONE;
            }
            inSpeech = true;
            silentRun = 0;
            length = 0;
            frames = 0;
            preRoll.forEach(this::append);
            preRoll.clear();
            return Event.STARTED;
        }
        append(frame);
        silentRun = voiced ? 0 : silentRun + 1;
        if (silentRun >= endFrames || frames >= maxFrames) {
            cut();
            return Event.ENDED;
        }
        return Event.NONE;
    }

    private void append(short[] frame) {
        if (utterance.length < length + frame.length) {
            utterance = Arrays.copyOf(utterance, Math.max(utterance.length * 2, length + frame.length));
        }
        System.arraycopy(frame, 0, utterance, length, frame.length);
        length += frame.length;
        frames++;
    }

    /** Ends the utterance in progress now (local endpointing or close); false if there is none. */
    boolean cut() {
        if (!inSpeech) {
            return false;
        }
        finished = Arrays.copyOf(utterance, length);
        inSpeech = false;
        voicedRun = 0;
        silentRun = 0;
        length = 0;
        frames = 0;
        return true;
    }

    /** The utterance that the last {@link Event#ENDED} or successful {@link #cut} finished. */
    short[] take() {
        short[] out = finished;
        finished = null;
        return out;
    }
}
