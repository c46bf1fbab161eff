package org.voxgate.pipeline.offline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.speech.SpeechException;
import org.voxgate.pipeline.speech.SpeechRecognizer;
import org.voxgate.pipeline.speech.SpeechSynthesizer;

/**
 * Runs a {@link FlowDefinition} on one call: speaks each state's prompt, waits for it to be
 * played out, then listens for a spoken phrase or a DTMF digit, and moves on, re-prompts or
 * gives up. Timeouts are read from the call's {@link Clock}; nothing here sleeps, so tests
 * drive it with a stepped clock and direct calls.
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

    private final FlowDefinition flow;
    private final CallContext call;
    private final Clock clock;
    private final SpeechSynthesizer synthesizer;
    /** Null in DTMF-only mode. */
    private final SpeechRecognizer recognizer;
    /** Null in DTMF-only mode. */
    private final TurnDetector turns;
    private final Duration silenceTimeout;
    private final int maxAttempts;
    private final Duration hangupGrace;

    private Phase phase = Phase.IDLE;
    private FlowState state;
    private int failures;
    private String promptText;
    private Instant promptStart;
    private Instant listenStart;
    private Instant hangupAt;
    private final TransferRequest.TransferListener transferListener;

    DialogEngine(FlowDefinition flow, CallContext call, SpeechSynthesizer synthesizer,
            SpeechRecognizer recognizer, TurnDetector turns, OfflineBotConfig config,
            TransferRequest.TransferListener transferListener) {
        if ((recognizer == null) != (turns == null)) {
            throw new IllegalArgumentException("speech input needs both a recognizer and a turn detector");
        }
        this.flow = flow;
        this.call = call;
        this.clock = call.clock();
        this.synthesizer = synthesizer;
        this.recognizer = recognizer;
        this.turns = turns;
        this.silenceTimeout = config.stateSilenceTimeout();
        this.maxAttempts = config.maxAttempts();
        this.hangupGrace = config.hangupGrace();
        this.transferListener = transferListener;
    }

    /** Enters the initial state and speaks its prompt. */
    void start() {
        if (recognizer == null) {
            log.info("speech recognition unavailable: receptionist answers DTMF only");
        }
        enter(flow.initialState(), null);
    }

    /** Whether the dialogue has ended (the call was hung up, or the engine failed). */
    boolean finished() {
        return phase == Phase.DONE;
    }

    /** The current state's id, for logs and tests. */
    String stateId() {
        return state == null ? null : state.id();
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
        if (phase != Phase.PROMPTING && phase != Phase.LISTENING || !state.listens()) {
            log.debug("ignoring DTMF {} in {} ({})", digit, state == null ? "-" : state.id(), phase);
            return;
        }
        if (phase == Phase.PROMPTING) {
            // A key press answers before the prompt ends: stop talking and take the answer.
            call.audio().clearPlayback();
            finishPrompt();
        }
        Instant now = clock.instant();
        call.recordTurn(Speaker.CALLER, "[dtmf " + digit + "]", now, now);
        String next = state.nextForDigit(digit);
        log.info("caller pressed {} in {} -> {}", digit, state.id(), next == null ? "not understood" : next);
        if (next == null) {
            retry(flow.retryPrefix());
        } else {
            enter(next, null);
        }
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
                    log.info("no answer in {} within {} ms", state.id(), silenceTimeout.toMillis());
                    retry(flow.noInputPrefix());
                }
            }
            case HANGING_UP -> {
                if (!now.isBefore(hangupAt)) {
                    phase = Phase.DONE;
                    log.info("dialogue finished in {}: hanging up", state.id());
                    call.hangup("bot_hangup");
                }
            }
            default -> { }
        }
    }

    /**
     * The transfer asked for in the current state failed: the caller is still here, so the
     * dialogue resumes where the state says.
     */
    void onTransferFailed(String reason) {
        if (phase != Phase.TRANSFERRING) {
            return;
        }
        log.info("transfer from {} failed ({}); resuming in {}", state.id(), reason, state.autoNext());
        enter(state.autoNext(), null);
    }

    private void afterPrompt(Instant now) {
        if (state.transfer() != FlowState.Transfer.NONE) {
            // Caller audio and digits are ignored from here; if the transfer succeeds the
            // application stops this session.
            phase = Phase.TRANSFERRING;
            log.info("transferring the caller ({}) from {}", state.transfer(), state.id());
            call.transfer(new TransferRequest(null, state.transfer() == FlowState.Transfer.WARM, transferListener));
        } else if (state.hangup()) {
            phase = Phase.HANGING_UP;
            hangupAt = now.plus(hangupGrace);
        } else if (state.autoNext() != null) {
            enter(state.autoNext(), null);
        } else {
            phase = Phase.LISTENING;
            listenStart = now;
            if (turns != null) {
                turns.reset();
            }
        }
    }

    private void onUtterance(TurnDetector.Utterance utterance) {
        Instant end = clock.instant();
        Instant start = end.minusMillis(utterance.millis());
        String text;
        try {
            text = recognizer.recognize(utterance.samples(), 0, utterance.samples().length,
                    state.expectedPhrases());
        } catch (SpeechException e) {
            log.warn("recognition failed in {}: {}", state.id(), e.getMessage());
            text = "";
        }
        call.recordTurn(Speaker.CALLER, text, start, end);
        String next = state.nextForSpeech(text);
        log.info("caller said '{}' ({} ms{}) in {} -> {}", text, utterance.millis(),
                utterance.truncated() ? ", cut at maximum length" : "", state.id(),
                next == null ? "not understood" : next);
        if (next == null) {
            retry(flow.retryPrefix());
        } else {
            enter(next, null);
        }
    }

    private void retry(String prefix) {
        failures++;
        if (failures >= maxAttempts) {
            log.info("giving up in {} after {} failed attempts", state.id(), failures);
            enter(flow.giveUpState(), null);
        } else {
            enter(state.id(), prefix);
        }
    }

    private void enter(String id, String prefix) {
        if (state == null || !state.id().equals(id)) {
            failures = 0;
        }
        state = flow.state(id);
        say(prefix == null ? state.prompt() : prefix + " " + state.prompt());
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
            log.error("cannot speak in {}: {}; hanging up", state.id(), e.getMessage());
            call.hangup("bot_error");
            return;
        }
        promptText = text;
        promptStart = clock.instant();
        phase = Phase.PROMPTING;
        call.audio().play(pcm, 0, pcm.length);
        log.debug("saying in {}: {}", state.id(), text);
    }

    private void finishPrompt() {
        call.recordTurn(Speaker.BOT, promptText, promptStart, clock.instant());
    }
}
