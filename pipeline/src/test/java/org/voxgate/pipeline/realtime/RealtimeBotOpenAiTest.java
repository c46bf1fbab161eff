package org.voxgate.pipeline.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.openai.FakeOpenAiRealtime;
import org.voxgate.fakes.realtime.ReplyScript;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.pipeline.tools.Tools;

/** A realtime bot on a call, talking to the OpenAI Realtime fake over loopback. */
class RealtimeBotOpenAiTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final RealtimeSession SESSION = new RealtimeSession("Be brief.", "", List.of(), null, 300, "");

    /** The turn timeline's nanosecond source (System.nanoTime in production), frozen here. */
    private static final long TIMELINE_NANOS = 42_000_000_000L;

    private FakeOpenAiRealtime fake;
    private final RealtimeTestCall call = new RealtimeTestCall();
    private BotSession session;
    private final List<ToolCall> toolRuns = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        fake = FakeOpenAiRealtime.start("sk-test");
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.stop();
        }
        fake.close();
    }

    private void open() {
        Tools tools = new Tools() {
            @Override public List<ToolSpec> specs() {
                return List.of(new ToolSpec("lookup_order", "Finds an order", "{\"type\":\"object\"}"));
            }
            @Override public String run(ToolCall c) {
                toolRuns.add(c);
                return "{\"status\":\"shipped\"}";
            }
        };
        RealtimeBot bot = new RealtimeBot("rt", OpenAiRealtimeTest.client(fake.baseUrl(), "sk-test", "ga"), SESSION,
                c -> tools, () -> TIMELINE_NANOS);
        session = bot.open(call);
    }

    @Test
    void theModelIsToldWhatIsKnownAboutTheCaller() throws Exception {
        call.callerContext = "This caller has called 3 times in the last 7 days.";
        open();
        String instructions = fake.await("session.update", 1, WAIT).get(0).path("session").path("instructions").asText();
        assertThat(instructions).startsWith("Be brief.")
                .endsWith("About this caller: This caller has called 3 times in the last 7 days.");
    }

    @Test
    void theCallerSpeaksAndHearsTheModelsReply() throws Exception {
        fake.script(ReplyScript.reply("what time is it", "It is noon.", 600));
        open();
        fake.await("session.update", 1, WAIT);
        call.say(300, 400);

        RealtimeTestCall.await("the reply played", () -> call.played().length >= 600 * 8);
        RealtimeTestCall.await("the reply finished", () -> call.usage.size() == 1);
        assertThat(AudioProbe.isReplyTone(call.played())).isTrue();
        assertThat(call.turns).containsExactly(new RealtimeTestCall.Turn(Speaker.CALLER, "what time is it"),
                new RealtimeTestCall.Turn(Speaker.BOT, "It is noon."));
        assertThat(call.marks).containsSubsequence(TurnMark.USER_SPEECH_START, TurnMark.USER_SPEECH_END,
                TurnMark.END_OF_TURN, TurnMark.STT_FINAL, TurnMark.LLM_FIRST_TOKEN, TurnMark.TTS_FIRST_BYTE,
                TurnMark.FIRST_BOT_AUDIO, TurnMark.LLM_DONE);
        // Marks use the timeline's source (not epoch time), and the model's VAD spoke after its
        // 300 ms silence window: the caller stopped that long before.
        assertThat(call.markNanos.get(TurnMark.END_OF_TURN)).isEqualTo(TIMELINE_NANOS);
        assertThat(call.markNanos.get(TurnMark.USER_SPEECH_END)).isEqualTo(TIMELINE_NANOS - 300_000_000L);
        // The bot is heard when the channel sends the first packet (its playback listener), not
        // when the audio is handed over.
        assertThat(call.markNanos.get(TurnMark.FIRST_BOT_AUDIO)).isEqualTo(call.clock.nanos());
        assertThat(call.turnsEnded).containsExactly("It is noon.");
        assertThat(call.usageKeys).containsExactly("openai/gpt-realtime");
        assertThat(call.usage.get(0).outputAudioTokens()).isEqualTo(600 / 50);
        assertThat(call.usage.get(0).inputAudioTokens()).isPositive();
        assertThat(call.usage.get(0).outputTextTokens()).isPositive();
        assertThat(call.interruptions).isEmpty();
        assertThat(fake.received("input_audio_buffer.append")).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void bargeInClearsPlaybackCancelsAndTruncatesAtWhatWasHeard() throws Exception {
        fake.script(ReplyScript.reply("tell me a story", "Once upon a time there was a long story.", 6000).pacedEvery(20));
        open();
        fake.await("session.update", 1, WAIT);
        call.say(300, 400);
        RealtimeTestCall.await("some of the reply handed to the channel", () -> call.played().length >= 500 * 8);

        call.clock.advanceMillis(300); // the caller has heard 300 ms of the reply
        call.say(200, 0);

        JsonNode truncate = fake.await("conversation.item.truncate", 1, WAIT).get(0);
        assertThat(fake.received("response.cancel")).hasSize(1);
        assertThat(call.audio.clears()).isEqualTo(1);
        long end = truncate.path("audio_end_ms").asLong();
        assertThat(end).isBetween(300L - 20, 300L + 20);
        assertThat(end).isLessThanOrEqualTo(fake.audioMillisSent(truncate.path("item_id").asText()));
        assertThat(truncate.path("content_index").asInt()).isZero();
        RealtimeTestCall.await("truncated", () -> fake.sent("conversation.item.truncated").size() == 1);
        RealtimeTestCall.await("cancelled reply reported", () -> call.usage.size() == 1);
        assertThat(call.interruptions).containsExactly(false);
        int playedAfterCut = call.audio.playCount();
        RealtimeTestCall.await("the cancel settled", () -> fake.sent("response.done").size() == 1);
        assertThat(call.audio.playCount()).as("nothing of the cut-off reply is played afterwards").isEqualTo(playedAfterCut);
        assertThat(fake.sent("response.done").get(0).path("response").path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void bargeInAfterTheReplyWasGeneratedButWhileItStillPlaysTruncatesWithoutCancel() throws Exception {
        fake.script(ReplyScript.reply("tell me a story", "Once upon a time.", 2000)); // generated 4x real time
        open();
        fake.await("session.update", 1, WAIT);
        call.say(300, 400);
        RealtimeTestCall.await("the whole reply generated", () -> call.usage.size() == 1);
        assertThat(call.audio.queuedPlaybackMillis()).as("nothing played yet on the stepped clock").isEqualTo(2000);

        call.clock.advanceMillis(700);
        call.say(200, 0);

        JsonNode truncate = fake.await("conversation.item.truncate", 1, WAIT).get(0);
        assertThat(truncate.path("audio_end_ms").asLong()).isBetween(700L - 20, 700L + 20);
        assertThat(call.audio.clears()).isEqualTo(1);
        assertThat(fake.received("response.cancel")).as("no response in progress").isEmpty();
        RealtimeTestCall.await("truncated", () -> fake.sent("conversation.item.truncated").size() == 1);
        assertThat(call.interruptions).containsExactly(false);
        assertThat(call.turnsEnded).as("the reply's turn was closed once, at its response.done").hasSize(1);
    }

    @Test
    void aToolCallRunsAndItsResultGoesBackToTheModel() throws Exception {
        fake.script(ReplyScript.reply("where is my order", "It has shipped.", 400)
                .withToolCall("lookup_order", "{\"order\":\"42\"}"));
        open();
        JsonNode tools = fake.await("session.update", 1, WAIT).get(0).path("session").path("tools");
        assertThat(tools.path(0).path("name").asText()).isEqualTo("lookup_order");
        call.say(300, 400);

        JsonNode output = fake.await("conversation.item.create", 1, WAIT).get(0).path("item");
        assertThat(toolRuns).hasSize(1);
        assertThat(toolRuns.get(0).name()).isEqualTo("lookup_order");
        assertThat(toolRuns.get(0).argumentsJson()).isEqualTo("{\"order\":\"42\"}");
        assertThat(output.path("type").asText()).isEqualTo("function_call_output");
        assertThat(output.path("call_id").asText()).isEqualTo(toolRuns.get(0).id());
        assertThat(output.path("output").asText()).isEqualTo("{\"status\":\"shipped\"}");
        fake.await("response.create", 1, WAIT);
        RealtimeTestCall.await("the answer played", () -> call.usage.size() == 2 && call.played().length >= 400 * 8);
        assertThat(AudioProbe.isReplyTone(call.played())).isTrue();
        assertThat(call.turns).containsExactly(new RealtimeTestCall.Turn(Speaker.CALLER, "where is my order"),
                new RealtimeTestCall.Turn(Speaker.BOT, "It has shipped."));
        assertThat(fake.sent("error")).isEmpty();
    }

    @Test
    void aDroppedSocketEndsTheCall() throws Exception {
        fake.script(ReplyScript.reply("hi", "Hello.", 200));
        open();
        fake.await("session.update", 1, WAIT);
        call.say(300, 400);
        RealtimeTestCall.await("first reply", () -> call.usage.size() == 1);
        assertThat(call.hangups).isEmpty();

        fake.close();
        RealtimeTestCall.await("hang-up after the provider vanished", () -> call.hangups.equals(List.of("realtime_failed")));
    }

    @Test
    void stopLetsGoOfTheAudioAndIsIdempotent() throws Exception {
        open();
        fake.await("session.update", 1, WAIT);
        assertThat(call.audio.hasListeners()).isTrue();
        session.stop();
        assertThat(call.audio.hasListeners()).isFalse();
        session.stop();
        session = null;
    }
}
