package org.voxgate.pipeline.flow;

import java.util.List;

/**
 * A deterministic dialogue as the offline dialogue engine runs it: the engine speaks each
 * {@link Step}'s words, waits for them to play, then does what the step says and reports the
 * caller's answer (recognised words, a key, silence) back to get the next step. The dialogue
 * holds the conversation's state; the engine holds the audio, timers and recognizer.
 *
 * <p>Threading: not thread-safe; one per call, used only by the call's session thread (which
 * may block in it: a state action can be a webhook).
 */
public interface Dialogue {
    /** What happens once a step's words have played. */
    enum Then {
        /** Listen for the caller's answer (speech or a key). */
        LISTEN,
        /** Go straight on to {@link #next()}. */
        CONTINUE,
        /** Hang up. */
        HANGUP,
        /** Hand the caller over to the step's target. */
        TRANSFER
    }

    /**
     * One thing the bot says and what follows it.
     *
     * @param say the words (may be empty: nothing is said)
     * @param then what follows
     * @param target for {@link Then#TRANSFER}: where to, or {@code null} for the bot's operator
     * @param warm for {@link Then#TRANSFER}: consult the target first
     */
    record Step(String say, Then then, String target, boolean warm) {
        public Step {
            say = say == null ? "" : say.strip();
            java.util.Objects.requireNonNull(then, "then");
        }

        public static Step listen(String say) {
            return new Step(say, Then.LISTEN, null, false);
        }
    }

    /** The first step of the call. */
    Step start();

    /** After a {@link Then#CONTINUE} step: the one that follows. */
    Step next();

    /** The caller's recognised words (may be empty when recognition failed). */
    Step onSpeech(String text);

    /** A key press while listening (or while a listening step's words play). */
    Step onDigit(char digit);

    /** The caller said nothing for the engine's silence timeout. */
    Step onNoInput();

    /** The transfer of a {@link Then#TRANSFER} step failed; the caller is still here. */
    Step onTransferFailed(String reason);

    /** What the recognizer should listen for now (its grammar). */
    List<String> expectedPhrases();

    /** The current state's id, for logs. */
    String stateId();
}
