package org.voxgate.pipeline.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.fakes.openai.FakeOpenAiRealtime;
import org.voxgate.fakes.realtime.ReplyScript;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.ProviderSettings;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.RealtimeStream;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.provider.openai.OpenAiRealtime;

/** The OpenAI Realtime client against the loopback fake: session set-up (GA and beta), turns, auth. */
class OpenAiRealtimeTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    static final RealtimeSession SESSION = new RealtimeSession("You are a helpful receptionist.", "marin",
            List.of(new ToolSpec("lookup_order", "Finds an order",
                    "{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}}}")),
            null, 300, "");

    private FakeOpenAiRealtime fake;
    private RealtimeStream stream;

    @BeforeEach
    void start() {
        fake = FakeOpenAiRealtime.start("sk-test");
        fake.script(ReplyScript.reply("what time is it", "It is noon.", 400));
    }

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        fake.close();
    }

    static OpenAiRealtime client(String baseUrl, String key, String api) {
        ProviderSettings settings = ProviderSettings.of("openai", baseUrl, key, "gpt-realtime").withOption("api", api);
        return new OpenAiRealtime(settings, new ProviderGuard("openai", "realtime", RetryPolicy.DEFAULT,
                new SimpleMeterRegistry()));
    }

    @Test
    void gaSessionIsConfiguredWithNestedAudioFieldsAndFlatTools() throws Exception {
        stream = client(fake.baseUrl(), "sk-test", "ga").open(SESSION, new RecordingListener());
        JsonNode session = fake.await("session.update", 1, WAIT).get(0).path("session");

        assertThat(fake.handshakes().get(0)).containsEntry("model", "gpt-realtime").containsEntry("OpenAI-Beta", "null");
        assertThat(session.path("type").asText()).isEqualTo("realtime");
        assertThat(session.path("output_modalities").toString()).isEqualTo("[\"audio\"]");
        JsonNode input = session.path("audio").path("input");
        assertThat(input.path("format").path("type").asText()).isEqualTo("audio/pcmu");
        assertThat(input.path("turn_detection").path("type").asText()).isEqualTo("server_vad");
        assertThat(input.path("turn_detection").path("silence_duration_ms").asInt()).isEqualTo(300);
        assertThat(input.path("turn_detection").path("create_response").asBoolean()).isTrue();
        assertThat(input.path("turn_detection").path("interrupt_response").asBoolean()).isTrue();
        assertThat(input.path("transcription").path("model").asText()).isNotEmpty();
        assertThat(session.path("audio").path("output").path("format").path("type").asText()).isEqualTo("audio/pcmu");
        assertThat(session.path("audio").path("output").path("voice").asText()).isEqualTo("marin");
        assertThat(session.path("instructions").asText()).isEqualTo("You are a helpful receptionist.");
        JsonNode tool = session.path("tools").path(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("name").asText()).isEqualTo("lookup_order");
        assertThat(tool.path("parameters").path("properties").has("order")).isTrue();
        assertThat(tool.has("function")).as("realtime tools are flat").isFalse();
        assertThat(session.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(session.has("input_audio_format")).isFalse();
        assertThat(fake.sent("error")).isEmpty();
    }

    @Test
    void betaSessionUsesFlatFieldsAndBetaEventNamesStillDriveTheListener() throws Exception {
        RecordingListener listener = new RecordingListener();
        stream = client(fake.baseUrl(), "sk-test", "beta").open(SESSION, listener);
        JsonNode session = fake.await("session.update", 1, WAIT).get(0).path("session");

        assertThat(fake.handshakes().get(0)).containsEntry("OpenAI-Beta", "realtime=v1");
        assertThat(session.has("type")).isFalse();
        assertThat(session.path("input_audio_format").asText()).isEqualTo("g711_ulaw");
        assertThat(session.path("output_audio_format").asText()).isEqualTo("g711_ulaw");
        assertThat(session.path("voice").asText()).isEqualTo("marin");
        assertThat(session.path("turn_detection").path("silence_duration_ms").asInt()).isEqualTo(300);
        assertThat(session.path("input_audio_transcription").path("model").asText()).isNotEmpty();
        assertThat(session.path("modalities").toString()).contains("audio");

        speak(stream, 200, 400);
        RealtimeTestCall.await("beta reply", () -> listener.events.contains("done"));
        assertThat(fake.sent("response.audio.delta")).isNotEmpty();
        assertThat(fake.sent("response.output_audio.delta")).isEmpty();
        assertThat(listener.events).containsSubsequence("speech_started", "speech_stopped", "user:what time is it",
                "response_started", "done");
        assertThat(listener.audioSamples.get()).isEqualTo(400 * 8);
        assertThat(listener.usage.get(0).outputAudioTokens()).isEqualTo(400 / 50);
    }

    @Test
    void aBetaFunctionCallIsNamedByItsItemAndAnsweredWithItsOutput() throws Exception {
        fake.script(ReplyScript.reply("where is my order", "It has shipped.", 200)
                .withToolCall("lookup_order", "{\"order\":\"42\"}"));
        RecordingListener listener = new RecordingListener();
        stream = client(fake.baseUrl(), "sk-test", "beta").open(SESSION, listener);
        fake.await("session.update", 1, WAIT);
        speak(stream, 200, 400);

        RealtimeTestCall.await("the tool call", () -> listener.toolCalls.size() == 1);
        org.voxgate.pipeline.provider.ToolCall call = listener.toolCalls.get(0);
        assertThat(call.name()).isEqualTo("lookup_order");
        assertThat(call.argumentsJson()).isEqualTo("{\"order\":\"42\"}");
        assertThat(fake.sent("response.function_call_arguments.done").get(0).has("name")).isFalse();
        stream.sendToolResult(call, "{\"status\":\"shipped\"}");

        RealtimeTestCall.await("the answer", () -> listener.events.stream().filter("done"::equals).count() == 2);
        assertThat(fake.received("conversation.item.create").get(0).path("item").path("call_id").asText())
                .isEqualTo(call.id());
        assertThat(listener.audioSamples.get()).isEqualTo(200 * 8);
        assertThat(fake.sent("error")).isEmpty();
    }

    @Test
    void aTruncateNeverReachesPastTheAudioReceived() throws Exception {
        RecordingListener listener = new RecordingListener();
        stream = client(fake.baseUrl(), "sk-test", "ga").open(SESSION, listener);
        fake.await("session.update", 1, WAIT);
        speak(stream, 200, 400);
        RealtimeTestCall.await("the reply", () -> listener.events.contains("done"));

        stream.interrupt(60_000); // more than the 400 ms reply: the API would reject it
        JsonNode truncate = fake.await("conversation.item.truncate", 1, WAIT).get(0);
        assertThat(truncate.path("audio_end_ms").asLong()).isEqualTo(400);
        assertThat(fake.received("response.cancel")).as("nothing in progress to cancel").isEmpty();
        RealtimeTestCall.await("truncated", () -> fake.sent("conversation.item.truncated").size() == 1);
        int appends = fake.received("input_audio_buffer.append").size();
        stream.interrupt(100);
        stream.sendAudio(new short[160], 0, 160); // sends keep their order: a second truncate would come first
        fake.await("input_audio_buffer.append", appends + 1, WAIT);
        assertThat(fake.received("conversation.item.truncate")).as("the same item is not truncated twice").hasSize(1);
        assertThat(fake.sent("error")).isEmpty();
    }

    @Test
    void aWrongKeyIsAnErrorNotWorthRetrying() throws Exception {
        RecordingListener listener = new RecordingListener();
        stream = client(fake.baseUrl(), "sk-wrong", "ga").open(SESSION, listener);
        ProviderException error = listener.error.get(15, TimeUnit.SECONDS);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("401").doesNotContain("sk-wrong");
        assertThat(fake.received()).isEmpty();
    }

    @Test
    void aGreetingIsAskedForRightAfterTheSessionIsConfigured() throws Exception {
        RecordingListener listener = new RecordingListener();
        RealtimeSession greeting = new RealtimeSession("Be brief.", "", List.of(), null, 300, "Welcome to Acme.");
        stream = client(fake.baseUrl(), "sk-test", "ga").open(greeting, listener);

        JsonNode create = fake.await("response.create", 1, WAIT).get(0);
        assertThat(create.path("response").path("instructions").asText()).contains("Welcome to Acme.");
        List<String> order = fake.received().stream().map(FakeOpenAiRealtime.Received::type).toList();
        assertThat(order.indexOf("session.update")).isLessThan(order.indexOf("response.create"));
        RealtimeTestCall.await("the greeting", () -> listener.events.contains("done"));
        assertThat(listener.audioSamples.get()).isEqualTo(400 * 8);
    }

    @Test
    void anErrorEventIsNotFatalAndTheSessionGoesOn() throws Exception {
        RecordingListener listener = new RecordingListener();
        stream = client(fake.baseUrl(), "sk-test", "ga").open(SESSION, listener);
        fake.await("session.update", 1, WAIT);
        stream.sendToolResult(new org.voxgate.pipeline.provider.ToolCall("call_unknown", "lookup_order", "{}"), "{}");

        RealtimeTestCall.await("the error", () -> fake.sent("error").size() == 1);
        RealtimeTestCall.await("the reply asked for after it", () -> listener.events.contains("done"));
        assertThat(listener.error).isNotDone();
    }

    /** Caller audio straight into the stream: a loud 300 Hz tone, then silence. */
    static void speak(RealtimeStream stream, int speechMillis, int silenceMillis) {
        AudioProbe.Tone tone = new AudioProbe.Tone(300);
        for (int i = 0; i < speechMillis / 20; i++) {
            stream.sendAudio(tone.next(160), 0, 160);
        }
        for (int i = 0; i < silenceMillis / 20; i++) {
            stream.sendAudio(new short[160], 0, 160);
        }
    }
}
