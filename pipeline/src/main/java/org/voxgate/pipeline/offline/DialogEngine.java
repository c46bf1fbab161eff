package org.voxgate.pipeline.offline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.flow.Dialogue;
import org.voxgate.pipeline.speech.SpeechException;
import org.voxgate.pipeline.speech.SpeechRecognizer;
import org.voxgate.pipeline.speech.SpeechSynthesizer;

/**
 * Runs a {@link Dialogue} on one call: speaks each step's words, waits for them to be played
 * out, then listens for a spoken phrase or a DTMF digit and hands the answer (or the silence) to
 * the dialogue for its next step. Timeouts are read from the call's {@link Clock}; nothing here
 * sleeps, so tests drive it with a stepped clock and direct calls.
 *
 * <p>Half duplex for now: caller audio is ignored while a prompt plays (DTMF is not: a key
 * press cuts the prompt short). Barge-in can be added by feeding the turn detector while
 * prompting and calling {@code clearPlayback()} on speech start.
 *
 * <p>Threading: not thread-safe; every method is called by the call's session thread.
 * Ownership: frames passed to {@link #onAudio} are read during the call only. The engine
 * does not own the recognizer; the session closes it.
 */
final class DialogEngine {
    private static final Logger log = LoggerFactory.getLogger(DialogEngine.class);

    private enum Phase { IDLE, PROMPTING, LISTENING, HANGING_UP, TRANSFERRING, DONE }

    private final Dialogue dialogue;
    private final CallContext call;
    private final Clock clock;
    private final SpeechSynthesizer synthesizer;
    /** Null in DTMF-only mode. */
    private final SpeechRecognizer recognizer;
    /** Null in DTMF-only mode. */
    private final TurnDetector turns;
    private final Duration silenceTimeout;
    private final Duration hangupGrace;

    private Phase phase = Phase.IDLE;
    private Dialogue.Step step;
    private String promptText;
    private Instant promptStart;
    private Instant listenStart;
    private Instant hangupAt;
    private final TransferRequest.TransferListener transferListener;

    /** The built-in receptionist's kind of flow. */
    DialogEngine(FlowDefinition flow, CallContext call, SpeechSynthesizer synthesizer,
            SpeechRecognizer recognizer, TurnDetector turns, OfflineBotConfig config,
            TransferRequest.TransferListener transferListener) {
        this(new DefinitionDialogue(flow, config.maxAttempts()), call, synthesizer, recognizer, turns, config,
                transferListener);
    }

    DialogEngine(Dialogue dialogue, CallContext call, SpeechSynthesizer synthesizer,
            SpeechRecognizer recognizer, TurnDetector turns, OfflineBotConfig config,
            TransferRequest.TransferListener transferListener) {
        if ((recognizer == null) != (turns == null)) {
            throw new IllegalArgumentException("speech input needs both a recognizer and a turn detector");
        }
        this.dialogue = dialogue;
        this.call = call;
        this.clock = call.clock();
        this.synthesizer = synthesizer;
        this.recognizer = recognizer;
        this.turns = turns;
        this.silenceTimeout = config.stateSilenceTimeout();
        this.hangupGrace = config.hangupGrace();
        this.transferListener = transferListener;
    }

    /** Enters the initial state and speaks its prompt. */
    void start() {
        if (recognizer == null) {
            log.info("speech recognition unavailable: answering DTMF only");
        }
        apply(dialogue.start());
    }

    /** Whether the dialogue has ended (the call was hung up, or the engine failed). */
    boolean finished() {
        return phase == Phase.DONE;
    }

    /** The current state's id, for logs and tests. */
    String stateId() {
        return dialogue.stateId();
    }

    void onAudio(short[] frame) {
        if (phase != Phase.LISTENING || turns == null) {
            return;
        }
        TurnDetector.Utterance utterance = turns.accept(frame);
        if (utterance != null) {
            onUtterance(utterance);
        }
    }

    void onDtmf(char digit) {
        if (phase != Phase.PROMPTING && phase != Phase.LISTENING || step.then() != Dialogue.Then.LISTEN) {
            log.debug("ignoring DTMF {} in {} ({})", digit, stateId() == null ? "-" : stateId(), phase);
            return;
        }
        if (phase == Phase.PROMPTING) {
            // A key press answers before the prompt ends: stop talking and take the answer.
            call.audio().clearPlayback();
            finishPrompt();
        }
        Instant now = clock.instant();
        call.recordTurn(Speaker.CALLER, "[dtmf " + digit + "]", now, now);
        String from = stateId();
        Dialogue.Step next = dialogue.onDigit(digit);
        log.info("caller pressed {} in {} -> {}", digit, from, stateId());
        apply(next);
    }

    /** Advances timers: prompt played out, silence timeout, pending hang-up. */
    void onTick() {
        Instant now = clock.instant();
        switch (phase) {
            case PROMPTING -> {
                if (call.audio().queuedPlaybackMillis() == 0) {
                    finishPrompt();
                    afterPrompt(now);
                }
            }
            case LISTENING -> {
                boolean talking = turns != null && turns.inSpeech();
                if (!talking && !now.isBefore(listenStart.plus(silenceTimeout))) {
                    log.info("no answer in {} within {} ms", stateId(), silenceTimeout.toMillis());
                    apply(dialogue.onNoInput());
                }
            }
            case HANGING_UP -> {
                if (!now.isBefore(hangupAt)) {
                    phase = Phase.DONE;
                    log.info("dialogue finished in {}: hanging up", stateId());
                    call.hangup("bot_hangup");
                }
            }
            default -> { }
        }
    }

    /**
     * The transfer asked for in the current state failed: the caller is still here, so the
     * dialogue resumes where it says.
     */
    void onTransferFailed(String reason) {
        if (phase != Phase.TRANSFERRING) {
            return;
        }
        String from = stateId();
        Dialogue.Step next = dialogue.onTransferFailed(reason);
        log.info("transfer from {} failed ({}); resuming in {}", from, reason, stateId());
        apply(next);
    }

    private void afterPrompt(Instant now) {
        switch (step.then()) {
            case TRANSFER -> {
                // Caller audio and digits are ignored from here; if the transfer succeeds the
                // application stops this session.
                phase = Phase.TRANSFERRING;
                log.info("transferring the caller ({}) from {}", step.warm() ? "WARM" : "BLIND", stateId());
                call.transfer(new TransferRequest(step.target(), step.warm(), transferListener));
            }
            case HANGUP -> {
                phase = Phase.HANGING_UP;
                hangupAt = now.plus(hangupGrace);
            }
            case CONTINUE -> apply(dialogue.next());
            case LISTEN -> {
                phase = Phase.LISTENING;
                listenStart = now;
                if (turns != null) {
                    turns.reset();
                }
            }
        }
    }

    private void onUtterance(TurnDetector.Utterance utterance) {
        Instant end = clock.instant();
        Instant start = end.minusMillis(utterance.millis());
        String text;
        try {
            text = recognizer.recognize(utterance.samples(), 0, utterance.samples().length,
                    dialogue.expectedPhrases());
        } catch (SpeechException e) {
            log.warn("recognition failed in {}: {}", stateId(), e.getMessage());
            text = "";
        }
        call.recordTurn(Speaker.CALLER, text, start, end);
        String from = stateId();
        Dialogue.Step next = dialogue.onSpeech(text);
        log.info("caller said '{}' ({} ms{}) in {} -> {}", text, utterance.millis(),
                utterance.truncated() ? ", cut at maximum length" : "", from, stateId());
        apply(next);
    }

    private void apply(Dialogue.Step next) {
        step = next;
        if (next.say().isEmpty()) {
            promptText = null;
            afterPrompt(clock.instant()); // nothing to say: straight on
        } else {
            say(next.say());
        }
    }

    private void say(String text) {
        short[] pcm;
        try {
            pcm = synthesizer.synthesize(text);
        } catch (SpeechException e) {
            phase = Phase.DONE;
            if (Thread.currentThread().isInterrupted()) {
                // The session is being stopped (the call is over): nothing to hang up.
                return;
            }
            // Never sit silent on a call: if the bot cannot talk, it ends the call.
            log.error("cannot speak in {}: {}; hanging up", stateId(), e.getMessage());
            call.hangup("bot_error");
            return;
        }
        promptText = text;
        promptStart = clock.instant();
        phase = Phase.PROMPTING;
        call.audio().play(pcm, 0, pcm.length);
        log.debug("saying in {}: {}", stateId(), text);
    }

    private void finishPrompt() {
        if (promptText != null) {
            call.recordTurn(Speaker.BOT, promptText, promptStart, clock.instant());
        }
    }
}
