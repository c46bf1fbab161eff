package org.voxgate.pipeline.amd;

import java.util.Objects;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.turn.VoiceDetector;

/**
 * Decides from the first seconds of an answered outbound call whether a person or an
 * answering machine picked up, the way Asterisk's app_amd and carriers' AMD do: a person says
 * a short greeting ("Hello?") and then waits in silence for the caller; a machine plays a long
 * greeting without pausing for the callee, and often ends it with a beep. Fed 20 ms frames of
 * 8 kHz audio from the moment of answer, {@link #onFrame} returns null until it decides and
 * then the decision, once; later frames return null.
 *
 * <p>Rules, in {@link AmdConfig}'s terms: a beep at any time is MACHINE ({@code beep}); no word
 * within the initial silence is UNSURE ({@code initial_silence}); speech in the greeting adding
 * up to {@code greetingMillis} is MACHINE ({@code long_greeting}), and so is a word count over
 * {@code maxWords} ({@code too_many_words}); silence of {@code afterGreetingSilenceMillis} after
 * the greeting is HUMAN ({@code short_greeting_then_silence}); nothing by
 * {@code totalAnalysisMillis} is UNSURE ({@code max_time}). A word is a voiced stretch of at
 * least {@code minWordMillis} after a pause of at least {@code betweenWordsSilenceMillis}.
 *
 * <p>Time is counted in frames, never read from a clock, so results are exact and repeatable.
 *
 * <p>Threading: not thread-safe; one per call, on its media thread. {@link #onFrame} never
 * blocks and allocates nothing except the one decision. Ownership: frames are read, never
 * kept; the voice detector is borrowed (whoever made it closes it, after the
 * {@link MessageCue} is done with it too).
 */
public final class AnsweringMachineDetector {
    private final BeepDetector beep;
    private final SpeechGate gate;
    private final int initialSilenceFrames;
    private final int greetingFrames;
    private final int afterGreetingFrames;
    private final int minWordFrames;
    private final int betweenWordsFrames;
    private final int maxWords;
    private final int totalFrames;
    private final AmdConfig config;

    private int frames;
    private int voicedRun;
    private int silentRun;
    /** The pause before the current voiced stretch. */
    private int pauseBefore;
    private boolean inWord;
    private int words;
    private int greetingVoiceFrames;
    private AmdDecision decision;

    /**
     * @param config the tuning ({@link AmdConfig#DEFAULTS})
     * @param voice the call's voice detector (a {@code WebRtcVoiceDetector} in production)
     */
    public AnsweringMachineDetector(AmdConfig config, VoiceDetector voice) {
        this.config = Objects.requireNonNull(config, "config");
        this.gate = new SpeechGate(Objects.requireNonNull(voice, "voice"));
        this.beep = new BeepDetector(config.minBeepMillis());
        this.initialSilenceFrames = AmdConfig.frames(config.initialSilenceMillis());
        this.greetingFrames = AmdConfig.frames(config.greetingMillis());
        this.afterGreetingFrames = AmdConfig.frames(config.afterGreetingSilenceMillis());
        this.minWordFrames = AmdConfig.frames(config.minWordMillis());
        this.betweenWordsFrames = AmdConfig.frames(config.betweenWordsSilenceMillis());
        this.maxWords = config.maxWords();
        this.totalFrames = AmdConfig.frames(config.totalAnalysisMillis());
    }

    /**
     * Reads the next 20 ms frame ({@link AudioChannel#FRAME_SAMPLES} samples).
     *
     * @return the decision on the frame that makes it, else null
     */
    public AmdDecision onFrame(short[] frame) {
        if (frame.length != AudioChannel.FRAME_SAMPLES) {
            throw new IllegalArgumentException("a frame is " + AudioChannel.FRAME_SAMPLES + " samples, not "
                    + frame.length);
        }
        if (decision != null) {
            return null;
        }
        frames++;
        if (beep.onFrame(frame) == BeepDetector.Event.STARTED) {
            return decide(AmdResult.MACHINE, "beep");
        }
        boolean voiced = gate.isSpeech(frame);
        if (voiced) {
            if (voicedRun == 0) {
                pauseBefore = silentRun;
            }
            voicedRun++;
            silentRun = 0;
            if (words > 0) {
                greetingVoiceFrames++;
            }
            if (!inWord && voicedRun >= minWordFrames && (words == 0 || pauseBefore >= betweenWordsFrames)) {
                inWord = true;
                if (words == 0) {
                    // The word's own frames count towards the greeting from its first frame.
                    greetingVoiceFrames = voicedRun;
                }
                words++;
                if (words > maxWords) {
                    return decide(AmdResult.MACHINE, "too_many_words");
                }
            }
            if (words > 0 && greetingVoiceFrames >= greetingFrames) {
                return decide(AmdResult.MACHINE, "long_greeting");
            }
        } else {
            voicedRun = 0;
            silentRun++;
            if (silentRun >= betweenWordsFrames) {
                inWord = false;
            }
            if (words > 0 && silentRun >= afterGreetingFrames) {
                return decide(AmdResult.HUMAN, "short_greeting_then_silence");
            }
        }
        if (words == 0 && frames >= initialSilenceFrames) {
            return decide(AmdResult.UNSURE, "initial_silence");
        }
        if (frames >= totalFrames) {
            return decide(AmdResult.UNSURE, "max_time");
        }
        return null;
    }

    /** The decision once made, else null. */
    public AmdDecision decision() {
        return decision;
    }

    /** Audio time read so far, in ms. */
    public int millis() {
        return frames * 20;
    }

    /**
     * Hands this call's audio state (the beep in progress, the silence so far) to a cue that
     * says when to start leaving a message. From then on feed frames to the cue, not to this
     * detector. Usually called once the decision is MACHINE, whoever made it.
     */
    public MessageCue messageCue() {
        return new MessageCue(config, gate, beep, frames, words > 0, silentRun);
    }

    private AmdDecision decide(AmdResult result, String reason) {
        decision = new AmdDecision(result, reason, frames * 20);
        return decision;
    }
}
