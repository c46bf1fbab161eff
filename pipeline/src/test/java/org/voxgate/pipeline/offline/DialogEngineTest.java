package org.voxgate.pipeline.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.audio.VoiceActivityDetector;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.speech.PocketsphinxRecognizer;
import org.voxgate.pipeline.speech.SpeechException;

/** Drives the receptionist flow on the test thread with a stepped clock: no sleeps, no threads. */
class DialogEngineTest {
    private static final OfflineBotConfig CONFIG = OfflineBotConfig.defaults();
    private final FakeCallContext call = new FakeCallContext();
    private final java.util.List<String> failures = new java.util.ArrayList<>();

    private DialogEngine dtmfOnlyEngine() {
        return new DialogEngine(ReceptionistFlow.definition(), call, OfflineTestEngines.espeak(), null, null, CONFIG,
                failures::add);
    }

    /** Lets the queued prompt play out, then runs the engine's timers. */
    private void playOut(DialogEngine engine) {
        call.clock.advanceMillis(call.audio.queuedPlaybackMillis());
        engine.onTick();
    }

    @Test
    void dtmfAnswersBookTheAppointmentAndHangUpAfterGoodbye() {
        DialogEngine engine = dtmfOnlyEngine();
        engine.start();
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.GREET);
        assertThat(call.audio.playCount()).isEqualTo(1);
        playOut(engine);
        assertThat(call.turns(Speaker.BOT)).singleElement()
                .satisfies(t -> assertThat(t.text()).startsWith("Hello, thank you for calling Voxgate"));

        engine.onDtmf('1');
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.OFFER);
        playOut(engine);
        engine.onDtmf('1');
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.CONFIRM);
        playOut(engine); // confirmation played: goodbye follows by itself
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.GOODBYE);
        assertThat(call.hangups).isEmpty();

        playOut(engine); // goodbye played out, but the grace period has not passed
        assertThat(call.hangups).isEmpty();
        call.clock.advance(CONFIG.hangupGrace());
        engine.onTick();
        assertThat(call.hangups).containsExactly("bot_hangup");
        assertThat(engine.finished()).isTrue();

        assertThat(call.turns(Speaker.BOT)).extracting(FakeCallContext.Turn::text).containsExactly(
                "Hello, thank you for calling Voxgate. How can I help you? Say appointment to book an appointment, or press 1."
                        + " Say operator, or press 0, to speak to a person.",
                "I can offer tomorrow at ten a.m. Shall I book it? Say yes or press 1, say no or press 2.",
                "Your appointment is booked for tomorrow at ten a.m.",
                "Thank you for calling. Goodbye.");
        assertThat(call.turns(Speaker.CALLER)).extracting(FakeCallContext.Turn::text)
                .containsExactly("[dtmf 1]", "[dtmf 1]");
        // Prompt turns last as long as their audio took to play on the call's clock.
        FakeCallContext.Turn greeting = call.turns(Speaker.BOT).get(0);
        long greetingAudioMillis = call.audio.played(0).length * 1000L / AudioChannel.SAMPLE_RATE;
        assertThat(Duration.between(greeting.start(), greeting.end()).toMillis()).isEqualTo(greetingAudioMillis);
    }

    @Test
    void digitDuringPromptCutsItShort() {
        DialogEngine engine = dtmfOnlyEngine();
        engine.start();
        call.clock.advanceMillis(500);
        engine.onDtmf('1');
        assertThat(call.audio.clears()).isEqualTo(1);
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.OFFER);
        FakeCallContext.Turn greeting = call.turns(Speaker.BOT).get(0);
        assertThat(Duration.between(greeting.start(), greeting.end())).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void declinedOfferSaysGoodbye() {
        DialogEngine engine = dtmfOnlyEngine();
        engine.start();
        playOut(engine);
        engine.onDtmf('1');
        playOut(engine);
        engine.onDtmf('2');
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.GOODBYE);
    }

    @Test
    void wrongDigitsRepromptThenGiveUp() {
        DialogEngine engine = dtmfOnlyEngine();
        engine.start();
        playOut(engine);
        engine.onDtmf('7');
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.GREET);
        assertThat(call.turns(Speaker.BOT)).hasSize(1);
        playOut(engine);
        assertThat(call.turns(Speaker.BOT).get(1).text()).startsWith("Sorry, I did not catch that. Hello");
        engine.onDtmf('8');
        playOut(engine);
        engine.onDtmf('5'); // third failure in GREET: give up
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.GOODBYE);
        playOut(engine);
        call.clock.advance(CONFIG.hangupGrace());
        engine.onTick();
        assertThat(call.hangups).containsExactly("bot_hangup");
    }

    @Test
    void silenceRepromptsThenGivesUp() {
        DialogEngine engine = dtmfOnlyEngine();
        engine.start();
        playOut(engine);
        call.clock.advance(CONFIG.stateSilenceTimeout().minusMillis(20));
        engine.onTick();
        assertThat(call.audio.playCount()).isEqualTo(1);
        call.clock.advanceMillis(20);
        engine.onTick();
        assertThat(call.audio.playCount()).isEqualTo(2);
        playOut(engine);
        assertThat(call.turns(Speaker.BOT).get(1).text()).startsWith("Sorry, I did not hear anything.");
        call.clock.advance(CONFIG.stateSilenceTimeout());
        engine.onTick();
        playOut(engine);
        call.clock.advance(CONFIG.stateSilenceTimeout());
        engine.onTick();
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.GOODBYE);
    }

    @Test
    void failureCountStartsAgainInANewState() {
        DialogEngine engine = dtmfOnlyEngine();
        engine.start();
        playOut(engine);
        engine.onDtmf('7');
        playOut(engine);
        engine.onDtmf('7');
        playOut(engine);
        engine.onDtmf('1'); // two failures in GREET, then success
        playOut(engine);
        engine.onDtmf('7');
        playOut(engine);
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.OFFER);
    }

    @Test
    void zeroTransfersBlindAndAFailedTransferReturnsToTheGreeting() {
        DialogEngine engine = dtmfOnlyEngine();
        engine.start();
        playOut(engine);
        engine.onDtmf('0');
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.TRANSFER);
        assertThat(call.transfers).isEmpty(); // not before "please hold" has been heard
        playOut(engine);
        assertThat(call.transfers).singleElement().satisfies(t -> {
            assertThat(t.warm()).isFalse();
            assertThat(t.target()).isNull();
        });
        engine.onDtmf('1'); // ignored while the transfer runs
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.TRANSFER);

        engine.onTransferFailed("486 Busy Here");
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.NO_OPERATOR);
        playOut(engine);
        assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.GREET);
        assertThat(call.hangups).isEmpty();
    }

    @Test
    void nineAsksForAWarmTransfer() {
        DialogEngine engine = dtmfOnlyEngine();
        engine.start();
        playOut(engine);
        engine.onDtmf('9');
        playOut(engine);
        assertThat(call.transfers).singleElement().satisfies(t -> assertThat(t.warm()).isTrue());
    }

    @Test
    void synthesisFailureHangsUpInsteadOfSittingSilent() {
        DialogEngine engine = new DialogEngine(ReceptionistFlow.definition(), call, text -> {
            throw new SpeechException("espeak-ng exited with status 1");
        }, null, null, CONFIG, failures::add);
        engine.start();
        assertThat(engine.finished()).isTrue();
        assertThat(call.hangups).containsExactly("bot_error");
    }

    @Test
    void spokenAnswersDriveTheFlow() {
        try (PocketsphinxRecognizer recognizer = OfflineTestEngines.pocketsphinx().newRecognizer();
                VoiceActivityDetector vad = new VoiceActivityDetector(CONFIG.vadAggressiveness(), 8000)) {
            TurnDetector turns = new TurnDetector(f -> vad.isSpeech(f, 0, f.length), CONFIG.speechStartMillis(),
                    CONFIG.endOfUtteranceMillis(), CONFIG.maxUtteranceMillis(), CONFIG.preRollMillis());
            DialogEngine engine = new DialogEngine(ReceptionistFlow.definition(), call,
                    OfflineTestEngines.espeak(), recognizer, turns, CONFIG, failures::add);
            engine.start();
            playOut(engine);

            speak(engine, "book an appointment");
            assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.OFFER);
            assertThat(call.turns(Speaker.CALLER)).singleElement()
                    .satisfies(t -> assertThat(t.text()).contains("appointment"));
            playOut(engine);

            speak(engine, "yes");
            assertThat(engine.stateId()).isEqualTo(ReceptionistFlow.CONFIRM);
            assertThat(call.turns(Speaker.CALLER).get(1).text()).startsWith("yes");
        }
    }

    /** Feeds caller speech frame by frame, 20 ms of clock per frame, as the session does. */
    private void speak(DialogEngine engine, String text) {
        short[] audio = OfflineTestEngines.callerSays(text);
        for (int at = 0; at + 160 <= audio.length; at += 160) {
            engine.onAudio(java.util.Arrays.copyOfRange(audio, at, at + 160));
            call.clock.advanceMillis(20);
            engine.onTick();
        }
    }
}
