package org.voxgate.fakes.realtime;

/**
 * The fakes' stand-in for a provider's server VAD: decides caller turns by the energy of the
 * audio it is sent, timed in audio milliseconds (not wall time) so tests are deterministic.
 * A 20 ms block louder than {@link #SPEECH_RMS} is speech; {@code silenceMillis} of quieter
 * audio after speech ends the turn.
 *
 * <p>Threading: not thread-safe; one per connection, fed from that connection's message thread.
 */
public final class SpeechTurns {
    /** RMS above which a block counts as speech (tests send tones far louder, silence is 0). */
    public static final double SPEECH_RMS = 500;

    /** What one piece of audio changed. */
    public enum Change { NONE, SPEECH_STARTED, SPEECH_STOPPED }

    private volatile int silenceMillis;
    private final int sampleRate;
    private long samplesSeen;
    private boolean inSpeech;
    private long lastVoicedSample;
    private long speechStartSample;

    /**
     * @param sampleRate rate of the samples given to {@link #feed}
     * @param silenceMillis silence that ends a turn
     */
    public SpeechTurns(int sampleRate, int silenceMillis) {
        this.sampleRate = sampleRate;
        this.silenceMillis = silenceMillis;
    }

    /** Changes the silence window (the client's session configuration). */
    public void silenceMillis(int millis) {
        this.silenceMillis = millis;
    }

    /**
     * Feeds audio and says whether a turn started or ended within it (at most one change per
     * call; the fakes feed one client message at a time, normally 20 ms).
     */
    public Change feed(short[] pcm) {
        double energy = 0;
        for (short s : pcm) {
            energy += (double) s * s;
        }
        double rms = pcm.length == 0 ? 0 : Math.sqrt(energy / pcm.length);
        long start = samplesSeen;
        samplesSeen += pcm.length;
        if (rms > SPEECH_RMS) {
            lastVoicedSample = samplesSeen;
            if (!inSpeech) {
                inSpeech = true;
                speechStartSample = start;
                return Change.SPEECH_STARTED;
            }
            return Change.NONE;
        }
        if (inSpeech && millis(samplesSeen - lastVoicedSample) >= silenceMillis) {
            inSpeech = false;
            return Change.SPEECH_STOPPED;
        }
        return Change.NONE;
    }

    /** Whether the caller is speaking now. */
    public boolean inSpeech() {
        return inSpeech;
    }

    /** Audio position where the current or last turn started, ms. */
    public long speechStartMillis() {
        return millis(speechStartSample);
    }

    /** Audio position of the last voiced sample, ms. */
    public long speechEndMillis() {
        return millis(lastVoicedSample);
    }

    private long millis(long samples) {
        return samples * 1000 / sampleRate;
    }
}
