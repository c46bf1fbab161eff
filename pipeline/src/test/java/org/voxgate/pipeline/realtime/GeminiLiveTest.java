package org.voxgate.pipeline.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.gemini.FakeGeminiLive;
import org.voxgate.fakes.realtime.ReplyScript;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.RealtimeStream;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.provider.gemini.GeminiLive;
import org.voxgate.pipeline.tools.Tools;

/** The Gemini Live client, and a realtime bot on it, against the loopback fake. */
class GeminiLiveTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String MODEL = "gemini-2.5-flash-native-audio-preview-12-2025";
    private static final RealtimeSession SESSION = new RealtimeSession("Be brief.", "Puck",
            List.of(new ToolSpec("lookup_order", "Finds an order", "{\"type\":\"object\"}")), null, 300, "");

    private FakeGeminiLive fake;
    private final RealtimeTestCall call = new RealtimeTestCall();
    private BotSession session;
    private RealtimeStream stream;
    private final List<ToolCall> toolRuns = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        fake = FakeGeminiLive.start("AIza-test");
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.stop();
        }
        if (stream != null) {
            stream.close();
        }
        fake.close();
    }

    private GeminiLive client(String key) {
        return new GeminiLive(ProviderSettings.of("gemini", fake.baseUrl(), key, MODEL),
                new ProviderGuard("gemini", "realtime", RetryPolicy.DEFAULT, new SimpleMeterRegistry()));
    }

    private void openBot() {
        Tools tools = new Tools() {
            @Override public List<ToolSpec> specs() { return List.of(); }
            @Override public String run(ToolCall c) {
                toolRuns.add(c);
                return "{\"status\":\"shipped\"}";
            }
        };
        session = new RealtimeBot("rt", client("AIza-test"), SESSION, c -> tools).open(call);
    }

    @Test
    void setupComesFirstWithAudioOutVadAndTranscripts() throws Exception {
        fake.script(ReplyScript.reply("hi", "Hello.", 200));
        RecordingListener listener = new RecordingListener();
        stream = client("AIza-test").open(SESSION, listener);
        OpenAiRealtimeTest.speak(stream, 200, 400); // before setupComplete: must wait behind the setup

        JsonNode setup = fake.await("setup", 1, WAIT).get(0);
        assertThat(setup.path("model").asText()).isEqualTo("models/" + MODEL);
        assertThat(setup.path("generationConfig").path("responseModalities").toString()).isEqualTo("[\"AUDIO\"]");
        assertThat(setup.path("generationConfig").path("speechConfig").path("voiceConfig").path("prebuiltVoiceConfig")
                .path("voiceName").asText()).isEqualTo("Puck");
        assertThat(setup.path("systemInstruction").path("parts").path(0).path("text").asText()).isEqualTo("Be brief.");
        assertThat(setup.path("tools").path(0).path("functionDeclarations").path(0).path("name").asText())
                .isEqualTo("lookup_order");
        JsonNode input = setup.path("realtimeInputConfig");
        assertThat(input.path("automaticActivityDetection").path("silenceDurationMs").asInt()).isEqualTo(300);
        assertThat(input.path("activityHandling").asText()).isEqualTo("START_OF_ACTIVITY_INTERRUPTS");
        assertThat(setup.has("inputAudioTranscription")).isTrue();
        assertThat(setup.has("outputAudioTranscription")).isTrue();

        JsonNode audio = fake.await("realtimeInput", 30, WAIT).get(0).path("audio");
        assertThat(audio.path("mimeType").asText()).isEqualTo("audio/pcm;rate=16000");
        assertThat(java.util.Base64.getDecoder().decode(audio.path("data").asText())).hasSize(320 * 2);
        RealtimeTestCall.await("reply", () -> listener.events.contains("done"));
        assertThat(listener.events).containsSubsequence("speech_stopped", "user:hi", "response_started", "done");
        assertThat(listener.audioSamples.get()).isBetween(200L * 8 - 80, 200L * 8);
        assertThat(listener.usage.get(0).outputAudioTokens()).isEqualTo(200 * 32 / 1000);
        assertThat(listener.usage.get(0).inputAudioTokens()).isPositive();
        assertThat(listener.usage.get(0).inputTextTokens()).isEqualTo(20);
    }

    @Test
    void theBotPlaysTheModelsAudioRecordsTurnsAndUsage() throws Exception {
        fake.script(ReplyScript.reply("what time is it", "It is noon.", 600));
        openBot();
        fake.await("setup", 1, WAIT);
        call.say(300, 400);

        RealtimeTestCall.await("the reply finished", () -> call.usage.size() == 1);
        assertThat(call.played().length).isBetween(600 * 8 - 100, 600 * 8);
        assertThat(AudioProbe.isReplyTone(call.played())).as("24 kHz tone resampled to 8 kHz").isTrue();
        assertThat(call.turns).containsExactly(new RealtimeTestCall.Turn(Speaker.CALLER, "what time is it"),
                new RealtimeTestCall.Turn(Speaker.BOT, "It is noon."));
        assertThat(call.usageKeys).containsExactly("gemini/" + MODEL);
    }

    @Test
    void interruptedClearsPlayback() throws Exception {
        fake.script(ReplyScript.reply("tell me a story", "Once upon a time.", 6000).pacedEvery(20));
        openBot();
        fake.await("setup", 1, WAIT);
        call.say(300, 400);
        RealtimeTestCall.await("some of the reply", () -> call.played().length >= 300 * 8);

        call.say(200, 0);
        RealtimeTestCall.await("playback cleared", () -> call.audio.clears() == 1);
        assertThat(fake.sent("serverContent").stream().filter(m -> m.path("serverContent").path("interrupted").asBoolean()))
                .hasSize(1);
        RealtimeTestCall.await("cancelled reply reported", () -> call.usage.size() == 1);
        assertThat(call.interruptions).containsExactly(false);
    }

    @Test
    void aToolCallRoundTrip() throws Exception {
        fake.script(ReplyScript.reply("where is my order", "It has shipped.", 400)
                .withToolCall("lookup_order", "{\"order\":\"42\"}"));
        openBot();
        fake.await("setup", 1, WAIT);
        call.say(300, 400);

        JsonNode response = fake.await("toolResponse", 1, WAIT).get(0).path("functionResponses").path(0);
        assertThat(toolRuns).hasSize(1);
        assertThat(toolRuns.get(0).argumentsJson()).isEqualTo("{\"order\":\"42\"}");
        assertThat(response.path("id").asText()).isEqualTo(toolRuns.get(0).id());
        assertThat(response.path("name").asText()).isEqualTo("lookup_order");
        assertThat(response.path("response").path("status").asText()).isEqualTo("shipped");
        RealtimeTestCall.await("the answer", () -> call.usage.size() == 1);
        assertThat(AudioProbe.isReplyTone(call.played())).isTrue();
    }

    @Test
    void aWrongKeyIsAnErrorNotWorthRetrying() throws Exception {
        RecordingListener listener = new RecordingListener();
        stream = client("AIza-wrong").open(SESSION, listener);
        ProviderException error = listener.error.get(15, TimeUnit.SECONDS);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("1007").contains("API key not valid").doesNotContain("AIza-wrong");
        assertThat(fake.received("setup")).isEmpty();
    }
}
