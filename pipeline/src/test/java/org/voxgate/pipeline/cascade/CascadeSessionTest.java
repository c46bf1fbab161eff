package org.voxgate.pipeline.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxgate.pipeline.telemetry.TurnMark.END_OF_TURN;
import static org.voxgate.pipeline.telemetry.TurnMark.FIRST_BOT_AUDIO;
import static org.voxgate.pipeline.telemetry.TurnMark.LLM_DONE;
import static org.voxgate.pipeline.telemetry.TurnMark.LLM_FIRST_TOKEN;
import static org.voxgate.pipeline.telemetry.TurnMark.STT_FINAL;
import static org.voxgate.pipeline.telemetry.TurnMark.TTS_FIRST_BYTE;
import static org.voxgate.pipeline.telemetry.TurnMark.USER_SPEECH_END;
import static org.voxgate.pipeline.telemetry.TurnMark.USER_SPEECH_START;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.provider.ChatMessage;
import org.voxgate.pipeline.provider.LlmListener.StopReason;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.failover.FailoverLanguageModel;
import org.voxgate.pipeline.provider.failover.FailoverSpeechToText;
import org.voxgate.pipeline.provider.failover.FailoverTextToSpeech;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.pipeline.tools.BuiltInTools;
import org.voxgate.pipeline.tools.Tools;
import org.voxgate.pipeline.tools.ToolsFactory;

class CascadeSessionTest {
    private final CascadeHarness h = new CascadeHarness();

    private static final String LONG_REPLY = "Our opening hours are nine to five on weekdays, ten to four on Saturdays, "
            + "and we are closed on Sundays and public holidays. ";

    /** Streams a complete one-round reply and synthesizes it. */
    private void reply(String text) {
        h.llm.last().listener.onText(text);
        h.llm.last().listener.onComplete(StopReason.END_OF_TURN, TokenUsage.text(40, 0, 10));
        h.run();
        h.tts.deliver();
        h.run();
    }

    @Test
    void firstBotAudioIsNeverBeforeTheAudioArrivedThoughThePacerStampsItsTickStart() {
        h.open(CascadeHarness.settings("", false), ToolsFactory.NONE);
        h.call.audio.stampPlaybackEarly(5_000_000);
        h.ask("What time do you open?");
        reply("At nine.");
        h.frames(false, 30); // plays out

        Map<TurnMark, Long> m = h.call.ended.getFirst().marks();
        assertThat(m.get(FIRST_BOT_AUDIO)).as("no negative send part").isEqualTo(m.get(TTS_FIRST_BYTE));
    }

    @Test
    void normalTurnIsMarkedInOrderAndThePartsAddUpToVoiceToVoice() {
        h.open(CascadeHarness.settings("", false), ToolsFactory.NONE);
        long t0 = h.call.clock.nanos();
        h.frames(true, 10); // 200 ms of speech
        h.stt.listener().onTranscript("what time do you", false);
        h.run();
        h.frames(false, 30); // 600 ms: the open interim makes it wait for the maximum
        assertThat(h.stt.finalizes).isEqualTo(1);
        assertThat(h.llm.completions).isEmpty();
        h.frames(false, 2);
        h.stt.listener().onTranscript("What time do you open?", true);
        h.run();
        assertThat(h.llm.completions).hasSize(1);
        assertThat(h.llm.last().request.messages()).containsExactly(new ChatMessage.User("What time do you open?"));
        assertThat(h.llm.last().request.system()).isEqualTo("You are a test.");

        h.frames(false, 5);
        h.llm.last().listener.onText("We open at nine");
        h.run();
        h.frames(false, 1);
        h.llm.last().listener.onText(", every day. See you");
        h.run();
        assertThat(h.tts.spoken).containsExactly("We open at nine, ", "every day. ");
        h.frames(false, 3);
        h.tts.deliver(); // audio starts before the model has finished
        h.run();
        h.llm.last().listener.onText(" soon.");
        h.llm.last().listener.onComplete(StopReason.END_OF_TURN, TokenUsage.text(50, 0, 12));
        h.run();
        h.tts.deliver();
        h.run();
        h.frames(false, 30); // plays out

        assertThat(h.call.ended).hasSize(1);
        TestCall.EndedTurn turn = h.call.ended.getFirst();
        assertThat(turn.callerText()).isEqualTo("What time do you open?");
        assertThat(turn.botText()).isEqualTo("We open at nine, every day. See you soon.");
        Map<TurnMark, Long> m = turn.marks();
        assertThat(m).containsKeys(TurnMark.values());
        long[] at = List.of(USER_SPEECH_START, USER_SPEECH_END, END_OF_TURN, STT_FINAL, LLM_FIRST_TOKEN,
                TTS_FIRST_BYTE, FIRST_BOT_AUDIO).stream().mapToLong(k -> h.ms(m.get(k) - t0)).toArray();
        assertThat(at).containsExactly(0, 200, 800, 840, 940, 1020, 1020);
        assertThat(h.ms(m.get(LLM_DONE) - t0)).isEqualTo(1020);
        long voiceToVoice = m.get(FIRST_BOT_AUDIO) - m.get(USER_SPEECH_END);
        long parts = (m.get(END_OF_TURN) - m.get(USER_SPEECH_END)) + (m.get(STT_FINAL) - m.get(END_OF_TURN))
                + (m.get(LLM_FIRST_TOKEN) - m.get(STT_FINAL)) + (m.get(TTS_FIRST_BYTE) - m.get(LLM_FIRST_TOKEN))
                + (m.get(FIRST_BOT_AUDIO) - m.get(TTS_FIRST_BYTE));
        assertThat(h.ms(voiceToVoice)).isEqualTo(820);
        assertThat(parts).isEqualTo(voiceToVoice);

        assertThat(h.call.turns).extracting(TestCall.Turn::speaker).containsExactly(Speaker.CALLER, Speaker.BOT);
        assertThat(h.call.turns.getFirst().text()).isEqualTo("What time do you open?");
        assertThat(h.call.usage).contains("llm scripted-llm 50/12", "tts tone-tts 28", "tts tone-tts 13");
        assertThat(h.stt.samples).isEqualTo(81 * 160L);
        assertThat(h.call.deadAir).isEmpty();
    }

    @Test
    void bargeInPausesAtOnsetThenCancelsTheReplyAndTheNextTurnAnswersTheNewWords() {
        h.open(CascadeHarness.settings("", false), ToolsFactory.NONE);
        h.ask("When are you open?");
        h.llm.last().listener.onText(LONG_REPLY);
        h.run();
        h.tts.deliver();
        h.run();
        h.frames(false, 5);
        int clears = h.call.audio.clears();

        h.frames(true, 3); // onset: the bot goes quiet on this frame
        assertThat(h.call.audio.clears()).isEqualTo(clears + 1);
        assertThat(h.call.audio.queuedPlaybackMillis()).isZero();
        assertThat(h.llm.last().cancelled).as("not decided yet").isFalse();

        h.stt.listener().onTranscript("wait", false);
        h.run();
        h.frames(true, 8); // 220 ms and a word: a real interruption
        assertThat(h.llm.completions.getFirst().cancelled).isTrue();
        assertThat(h.tts.clears).isEqualTo(1);
        assertThat(h.call.interruptions).containsExactly(false);
        assertThat(h.call.ended).hasSize(1);
        String heard = h.call.ended.getFirst().botText();
        assertThat(heard).isNotEmpty();
        assertThat(LONG_REPLY).startsWith(heard);
        assertThat(heard.length()).isLessThan(LONG_REPLY.strip().length() / 2);

        h.llm.completions.getFirst().listener.onText("late words of the cut reply. ");
        h.run();
        assertThat(h.tts.spoken).doesNotContain("late words of the cut reply. ");

        h.stt.listener().onTranscript("Wait, are you open on Sunday?", true);
        h.run();
        h.frames(false, 15);
        assertThat(h.llm.completions).hasSize(2);
        assertThat(h.llm.last().request.messages()).containsExactly(new ChatMessage.User("When are you open?"),
                new ChatMessage.Assistant(heard, List.of()), new ChatMessage.User("Wait, are you open on Sunday?"));
    }

    @Test
    void falseInterruptionResumesWhereTheBotWasPaused() {
        h.open(CascadeHarness.settings("", false), ToolsFactory.NONE);
        h.ask("When are you open?");
        reply(LONG_REPLY);
        long total = h.call.audio.playedSamples();
        h.frames(false, 5);
        h.frames(true, 3); // 160 ms after the audio started: paused
        assertThat(h.call.audio.queuedPlaybackMillis()).isZero();
        h.stt.listener().onTranscript("uh-huh", false);
        h.run();
        h.frames(false, 14);
        assertThat(h.call.interruptions).isEmpty();
        h.frames(false, 1); // 300 ms of silence after a backchannel: resume
        assertThat(h.call.interruptions).containsExactly(true);
        assertThat(h.call.audio.playedSamples()).isEqualTo(2 * total - 8 * 160);
        assertThat(h.call.audio.queuedPlaybackMillis()).isPositive();
        assertThat(h.llm.last().cancelled).isFalse();

        h.frames(false, 70);
        assertThat(h.call.ended).hasSize(1);
        assertThat(h.call.ended.getFirst().botText()).isEqualTo(LONG_REPLY.strip());
        assertThat(h.llm.completions).hasSize(1);
    }

    @Test
    void finalBackchannelThatEndsATurnStillResumesTheBot() {
        h.open(CascadeHarness.settings("", false), ToolsFactory.NONE);
        h.ask("When are you open?");
        reply(LONG_REPLY);
        h.frames(false, 5);
        h.frames(true, 4);
        h.stt.listener().onTranscript("Okay.", true); // a complete sentence: the endpointer ends at 300 ms
        h.run();
        h.frames(false, 15);
        assertThat(h.call.interruptions).containsExactly(true);
        assertThat(h.llm.completions).hasSize(1);
        assertThat(h.llm.last().cancelled).isFalse();
        h.frames(false, 70);
        assertThat(h.call.ended).extracting(TestCall.EndedTurn::botText).containsExactly(LONG_REPLY.strip());
    }

    @Test
    void uninterruptibleGreetingIgnoresSpeechAndAnswersItAfterwards() {
        String greeting = "This call is recorded for quality and training purposes, thank you for calling.";
        h.open(CascadeHarness.settings(greeting, true), ToolsFactory.NONE);
        h.tts.deliver();
        h.run();
        h.frames(true, 15);
        h.stt.listener().onTranscript("Hello there.", true);
        h.run();
        h.frames(false, 15); // the caller's turn ends while the disclosure still plays
        assertThat(h.call.audio.clears()).isZero();
        assertThat(h.call.interruptions).isEmpty();
        assertThat(h.llm.completions).isEmpty();
        h.frames(false, 30); // the greeting has played: now the caller is answered
        assertThat(h.call.ended.getFirst().botText()).isEqualTo(greeting);
        assertThat(h.llm.completions).hasSize(1);
        assertThat(h.llm.last().request.messages()).containsExactly(new ChatMessage.Assistant(greeting, List.of()),
                new ChatMessage.User("Hello there."));
    }

    @Test
    void toolCallRunsOffTheEngineAndItsResultGoesBackToTheModel() {
        ToolCall call = new ToolCall("call_1", "opening_hours", "{\"day\":\"sunday\"}");
        ToolSpec spec = new ToolSpec("opening_hours", "Opening hours of a day", "{\"type\":\"object\"}");
        Tools tools = new Tools() {
            @Override public List<ToolSpec> specs() { return List.of(spec); }
            @Override public String run(ToolCall c) { return "{\"hours\":\"closed\",\"asked\":" + c.argumentsJson() + "}"; }
        };
        h.open(CascadeHarness.settings("", false), (ctx, control) -> tools);
        h.ask("Are you open on Sunday?");
        assertThat(h.llm.last().request.tools()).containsExactly(spec);
        h.llm.last().listener.onText("Let me check. ");
        h.llm.last().listener.onToolCall(call);
        h.llm.last().listener.onComplete(StopReason.TOOL_CALLS, TokenUsage.text(30, 0, 8));
        h.run();
        assertThat(h.llm.completions).hasSize(2);
        assertThat(h.llm.last().request.messages()).containsExactly(new ChatMessage.User("Are you open on Sunday?"),
                new ChatMessage.Assistant("Let me check. ", List.of(call)),
                new ChatMessage.ToolResult("call_1", "opening_hours", "{\"hours\":\"closed\",\"asked\":{\"day\":\"sunday\"}}"));
        reply("No, we are closed on Sundays.");
        h.frames(false, 60);
        assertThat(h.call.ended.getFirst().botText()).isEqualTo("Let me check. No, we are closed on Sundays.");
        assertThat(h.call.usage).contains("llm scripted-llm 30/8", "llm scripted-llm 40/10");
    }

    @Test
    void hangUpToolEndsTheCallOnlyAfterTheGoodbyeHasPlayed() {
        h.open(CascadeHarness.settings("", false), BuiltInTools.factory());
        h.ask("That is all, thanks.");
        h.llm.last().listener.onText("Goodbye and have a nice day! ");
        h.llm.last().listener.onToolCall(new ToolCall("c9", "hang_up", "{}"));
        h.llm.last().listener.onComplete(StopReason.TOOL_CALLS, TokenUsage.NONE);
        h.run();
        h.tts.deliver();
        h.run();
        assertThat(h.llm.completions).hasSize(2);
        h.llm.last().listener.onComplete(StopReason.END_OF_TURN, TokenUsage.NONE);
        h.run();
        h.tts.deliver();
        h.run();
        h.frames(false, 5);
        assertThat(h.call.hangups).as("still saying goodbye").isEmpty();
        h.frames(false, 20);
        assertThat(h.call.hangups).containsExactly("bot_hangup");
        assertThat(h.call.ended.getFirst().botText()).isEqualTo("Goodbye and have a nice day!");
    }

    @Test
    void deadAirIsReportedWhenTheBotKeepsTheCallerWaiting() {
        h.open(CascadeHarness.settings("", false), ToolsFactory.NONE);
        h.ask("Hello?");
        h.frames(false, 170); // 3.4 s after the caller stopped speaking, still nothing
        reply("Sorry, I am here.");
        assertThat(h.call.deadAir).hasSize(1);
        assertThat(h.call.deadAir.getFirst()).isEqualTo(3700L);
    }

    @Test
    void speechToTextFailsOverMidCallAndTheCallGoesOn() {
        TestProviders.ScriptedStt backup = new TestProviders.ScriptedStt();
        h.open(CascadeHarness.settings("", false), ToolsFactory.NONE,
                new FailoverSpeechToText(List.of(h.stt, backup)), h.llm, h.tts);
        h.frames(true, 5);
        h.stt.listener().onError(new ProviderException("scripted-stt", "socket dropped", true));
        h.run();
        assertThat(backup.samples).as("the turn's audio so far, replayed").isEqualTo(5 * 160L);
        h.frames(true, 5);
        backup.listener().onTranscript("Are you still there?", true);
        h.run();
        h.frames(false, 15);
        assertThat(h.call.hangups).isEmpty();
        assertThat(h.llm.completions).hasSize(1);
        assertThat(h.llm.last().request.messages()).containsExactly(new ChatMessage.User("Are you still there?"));
        assertThat(backup.samples).isEqualTo(25 * 160L);
    }

    @Test
    void textToSpeechFailsOverMidReplyAndTheReplyIsHeardWhole() {
        TestProviders.ToneTts backup = new TestProviders.ToneTts();
        String greeting = "Hello, welcome to our restaurant.";
        h.open(CascadeHarness.settings(greeting, false), ToolsFactory.NONE, h.stt, h.llm,
                new FailoverTextToSpeech(List.of(h.tts, backup)));
        h.tts.deliver(); // the greeting teaches the chain the voice's pace
        h.run();
        h.frames(false, 20);
        h.ask("What is on the menu?");
        h.llm.last().listener.onText("Soup of the day. ");
        h.run();
        h.tts.deliver(); // the first clause is heard from the first provider
        h.run();
        h.llm.last().listener.onText("And a fresh salad. ");
        h.llm.last().listener.onComplete(StopReason.END_OF_TURN, TokenUsage.NONE);
        h.run();
        h.tts.listener.onError(new ProviderException("tone-tts", "socket dropped", true));
        h.run();
        assertThat(backup.spoken).containsExactly("And a fresh salad. ");
        backup.deliver();
        h.run();
        h.frames(false, 40);
        assertThat(h.call.ended).extracting(TestCall.EndedTurn::botText)
                .containsExactly(greeting, "Soup of the day. And a fresh salad.");
        assertThat(h.call.audio.playedSamples()).isEqualTo((greeting.length() + "Soup of the day. ".length()
                + "And a fresh salad. ".length()) * (long) TestProviders.ToneTts.SAMPLES_PER_CHAR);
    }

    @Test
    void languageModelFailsOverBeforeItsFirstTokenAndTheTurnIsAnswered() {
        TestProviders.ScriptedLlm primary = new TestProviders.ScriptedLlm();
        h.open(CascadeHarness.settings("", false), ToolsFactory.NONE, h.stt,
                new FailoverLanguageModel(List.of(primary, h.llm)), h.tts);
        h.ask("Can I book a table?");
        assertThat(h.llm.completions).isEmpty();
        primary.last().listener.onError(new ProviderException("scripted-llm", "HTTP 503", true));
        h.run();
        assertThat(h.llm.completions).hasSize(1);
        assertThat(h.llm.last().request.messages()).containsExactly(new ChatMessage.User("Can I book a table?"));
        reply("Of course.");
        h.frames(false, 10);
        assertThat(h.call.ended).extracting(TestCall.EndedTurn::botText).containsExactly("Of course.");
        assertThat(h.call.ended.getFirst().marks()).containsKey(FIRST_BOT_AUDIO);
    }

    @Test
    void lastSpeechToTextFailingHangsUp() {
        h.open(CascadeHarness.settings("", false), ToolsFactory.NONE);
        h.stt.listener().onError(new ProviderException("scripted-stt", "unauthorized", false));
        h.run();
        assertThat(h.call.hangups).containsExactly("stt_failed");
    }

    @Test
    void stopReleasesTheAudioAndTheStreamsAndIsIdempotent() {
        h.open(CascadeHarness.settings("Hi!", false), ToolsFactory.NONE);
        assertThat(h.tts.spoken).containsExactly("Hi!");
        assertThat(h.call.audio.hasListeners()).isTrue();
        h.session.stop();
        assertThat(h.call.audio.hasListeners()).isFalse();
        assertThat(h.call.audio.hasPlaybackListener()).isFalse();
        h.run();
        assertThat(h.stt.closed).isTrue();
        assertThat(h.tts.closed).isTrue();
        h.session.stop();
        h.run();
    }

    @Test
    void stopWaitsUntilTheStreamsAreClosedSoTheirClosingUsageIsMetered() {
        SpeechToText billsAtClose = new SpeechToText() {
            @Override public String vendor() { return "closing-stt"; }
            @Override public String model() { return "m1"; }

            @Override
            public SttStream open(SttListener listener) {
                return new SttStream() {
                    @Override public void sendAudio(short[] pcm, int offset, int length) { }
                    @Override public void finalizeTurn() { }

                    @Override
                    public void close() {
                        try {
                            Thread.sleep(100); // the provider's answer to the close, with its count
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        listener.onUsage(3.5);
                    }
                };
            }
        };
        java.util.concurrent.ThreadFactory threads = Thread.ofVirtual().factory();
        EngineRuntime runtime = new EngineRuntime(task -> threads.newThread(task).start(), h.call.clock::nanos,
                mode -> frame -> frame[0] != 0, java.time.Duration.ofSeconds(10));
        BotSession session = new CascadeBot("test", CascadeHarness.settings("", false), billsAtClose, h.llm, h.tts,
                ToolsFactory.NONE, runtime).open(h.call);
        session.stop();
        assertThat(h.call.usage).contains("stt closing-stt 3.5");
    }
}
