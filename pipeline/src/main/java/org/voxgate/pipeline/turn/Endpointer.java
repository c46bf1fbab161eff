package org.voxgate.pipeline.turn;

import org.voxgate.media.AudioChannel;

/**
 * Decides when the caller starts and stops talking, frame by frame.
 *
 * <p>Speech starts after {@link TurnTakingSettings#speechOnsetMs()} of voiced frames in a row.
 * The turn ends after {@link TurnTakingSettings#minSilenceMs()} of silence when the transcript's
 * finals already end a sentence and no interim words are pending (the caller has evidently
 * finished), else after {@link TurnTakingSettings#maxSilenceMs()}; a provider end-of-turn signal
 * ends it at once. Times are the arrival times of the 20 ms frames, so a frame's audio ended
 * when it arrived.
 *
 * <p>Threading: not thread-safe; owned by one call's engine.
 */
public final class Endpointer {
    private static final long FRAME_NANOS = AudioChannel.FRAME_SAMPLES * 1_000_000_000L / AudioChannel.SAMPLE_RATE;
    private static final int FRAME_MS = 20;

    /** What one input changed. */
    public enum Event { NONE, SPEECH_STARTED, TURN_ENDED }

    private final TurnTakingSettings settings;
    private final TurnTranscript transcript = new TurnTranscript();
    private boolean speaking;
    private int voicedRunMs;
    private long voicedRunStart;
    private int silenceMs;
    private int voicedMs;
    private long speechStartNanos = -1;
    private long speechEndNanos = -1;
    private long endOfTurnNanos = -1;

    public Endpointer(TurnTakingSettings settings) {
        this.settings = settings;
    }

    /** One 20 ms frame, voiced or not, that arrived at {@code nanos}. */
    public Event onFrame(boolean voiced, long nanos) {
        if (voiced) {
            if (voicedRunMs == 0) {
                voicedRunStart = nanos - FRAME_NANOS;
            }
            voicedRunMs += FRAME_MS;
            silenceMs = 0;
            if (speaking) {
                voicedMs += FRAME_MS;
                speechEndNanos = nanos;
                return Event.NONE;
            }
            if (voicedRunMs >= settings.speechOnsetMs()) {
                speaking = true;
                voicedMs = voicedRunMs;
                speechStartNanos = voicedRunStart;
                speechEndNanos = nanos;
                endOfTurnNanos = -1;
                return Event.SPEECH_STARTED;
            }
            return Event.NONE;
        }
        voicedRunMs = 0;
        if (!speaking) {
            return Event.NONE;
        }
        silenceMs += FRAME_MS;
        boolean complete = transcript.endsSentence() && silenceMs >= settings.minSilenceMs();
        if (complete || silenceMs >= settings.maxSilenceMs()) {
            return end(nanos);
        }
        return Event.NONE;
    }

    /** A transcript piece from speech-to-text. */
    public void onTranscript(String text, boolean isFinal, long nanos) {
        transcript.add(text, isFinal, nanos);
    }

    /**
     * The provider says the turn is over: it ends now if the caller was speaking or words were
     * heard (a provider can hear speech the local VAD missed).
     */
    public Event onProviderEndOfTurn(long nanos) {
        if (speaking || !transcript.isEmpty()) {
            if (speechEndNanos < 0) {
                speechEndNanos = nanos;
            }
            return end(nanos);
        }
        return Event.NONE;
    }

    private Event end(long nanos) {
        speaking = false;
        silenceMs = 0;
        voicedRunMs = 0;
        endOfTurnNanos = nanos;
        return Event.TURN_ENDED;
    }

    /** Whether the caller is talking now (onset seen, end not yet). */
    public boolean isSpeaking() {
        return speaking;
    }

    /** Voiced milliseconds of the current (or just ended) speech. */
    public int voicedMs() {
        return voicedMs;
    }

    /** Drops the current speech and its words (a backchannel the bot talked through). */
    public void discardSpeech() {
        speaking = false;
        silenceMs = 0;
        voicedRunMs = 0;
        voicedMs = 0;
        reset();
    }

    /** Milliseconds of silence since the caller's last voiced frame while speaking. */
    public int silenceMs() {
        return silenceMs;
    }

    public TurnTranscript transcript() {
        return transcript;
    }

    public long speechStartNanos() {
        return speechStartNanos;
    }

    public long speechEndNanos() {
        return speechEndNanos;
    }

    public long endOfTurnNanos() {
        return endOfTurnNanos;
    }

    /**
     * Forgets the finished turn (its transcript and times); the VAD state is kept, and so are the
     * times of speech that has already started again.
     */
    public void reset() {
        transcript.clear();
        endOfTurnNanos = -1;
        if (!speaking) {
            speechStartNanos = -1;
            speechEndNanos = -1;
            voicedMs = 0;
        }
    }
}
