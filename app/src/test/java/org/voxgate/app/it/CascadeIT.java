package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.voxgate.fakes.deepgram.FakeDeepgram;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.openai.FakeOpenAiChat;

/**
 * The cascade shape end to end: the real server process with {@code mode: cascade} bots whose
 * providers are loopback fakes in this JVM (Deepgram live STT and Aura TTS, OpenAI Chat
 * Completions), and SIPp calls whose media is a real RTP socket speaking espeak-ng audio. The
 * fake voice is a 440 Hz tone, so what the caller hears is measured, not assumed.
 *
 * <p>The failover test runs last: it breaks Deepgram's listen socket on purpose, which the
 * shared per-vendor circuit breaker counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CascadeIT {
    private static final String DEEPGRAM_KEY = "dg-test-" + UUID.randomUUID();
    private static final String OPENAI_KEY = "sk-test-" + UUID.randomUUID();

    /** About 10 s of the fake voice: far longer than the caller's interruption. */
    private static final String LONG_REPLY = ("Our clinic has six dentists, two hygienists and a children's corner. "
            + "We offer check-ups, cleaning, fillings, crowns, implants and whitening, and we take most insurance plans. "
            + "Parking is free behind the building, and the bus stops right outside the door. "
            + "New patients get a full examination with x-rays at the first visit, which takes about an hour. ")
            .repeat(2).strip();

    private Path work;
    private FakeDeepgram deepgram;
    private FakeOpenAiChat openai;
    private VoxgateProcess server;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("voxgate-cascade-it");
        deepgram = FakeDeepgram.start(DEEPGRAM_KEY);
        openai = FakeOpenAiChat.start(OPENAI_KEY);
        String providers = """
                      stt: [{vendor: deepgram, model: nova-3}]
                      llm: [{vendor: openai, model: gpt-4o-mini}]
                      tts: {vendor: deepgram, model: aura-2-thalia-en}
                """;
        Path config = work.resolve("voxgate.yaml");
        Files.writeString(config, """
                bots:
                  agents:
                    desk:
                      mode: cascade
                      prompt: You are the front desk of a dental clinic.
                      greeting: Hello, how can I help?
                %s
                      turn-taking: {min-silence-ms: 300, max-silence-ms: 900, barge-in-min-speech-ms: 200, barge-in-min-words: 1}
                      review: false   # the fake LLM's script is the conversation's; the review is tested on its own
                    resilient:
                      mode: cascade
                      prompt: You are the front desk of a dental clinic.
                      greeting: Hello, how can I help?
                      stt:
                        - {vendor: deepgram, model: nova-3}
                        - {vendor: local, phrases: [i would like to book an appointment, what time do you open on saturday]}
                      llm: [{vendor: openai, model: gpt-4o-mini}]
                      tts: {vendor: deepgram, model: aura-2-thalia-en}
                      turn-taking: {min-silence-ms: 300, max-silence-ms: 900}
                      review: false
                """.formatted(providers.stripTrailing()));
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_CONFIG", config.toString(),
                "VOXGATE_PROVIDERS_DEEPGRAM_BASE_URL", deepgram.baseUrl(),
                "VOXGATE_PROVIDERS_OPENAI_BASE_URL", openai.baseUrl(),
                "DEEPGRAM_API_KEY", DEEPGRAM_KEY, "OPENAI_API_KEY", OPENAI_KEY)).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
            assertThat(server.logText()).doesNotContain(DEEPGRAM_KEY).doesNotContain(OPENAI_KEY);
        }
        if (deepgram != null) {
            deepgram.close();
        }
        if (openai != null) {
            openai.close();
        }
    }

    /** A SIPp call to {@code bot} (the bot hangs up; SIPp answers its BYE) and its Call-ID. */
    private record Call(String callId, Sipp.Running sipp) {}

    private Call call(String bot, String tag, RtpPeer peer) throws Exception {
        Sipp sipp = Sipp.scenario("uac-await-bye.xml", server.sipPort, work.resolve("sipp-" + tag));
        String callId = sipp.callIdTag(tag + "-" + UUID.randomUUID());
        Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";" + bot + ";")).start(1, 120);
        return new Call(callId, running);
    }

    private short[] speak(String text) throws Exception {
        return Audio.speak(text, work.resolve("speech"));
    }

    @Test
    @Order(1)
    void spokenRequestRunsAToolAndTheCallerHearsTheReply() throws Exception {
        short[] request = speak("I would like to book an appointment");
        short[] goodbye = speak("no thank you goodbye");
        deepgram.script("I would like to book an appointment.", "No thank you, goodbye.");
        int before = openai.requests().size();
        openai.enqueue(silent().withToolCall("call_dtmf_1", "send_dtmf", "{\"digits\"", ":\"12#\"}"),
                ScriptedReply.words("I pressed one two hash for you. Anything else?").withUsage(120, 0, 12),
                ScriptedReply.words("Goodbye and thank you for calling.").withToolCall("call_bye", "hang_up", "{}"),
                silent());
        String callId;
        String said = "I pressed one two hash for you. Anything else?";
        try (RtpPeer rtp = new RtpPeer()) {
            Call call = call("desk", "tool", rtp);
            callId = call.callId();
            assertThat(rtp.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
            CascadeCaller caller = new CascadeCaller(rtp);
            int[] greeting = caller.awaitBotUtterance(0, 20);
            assertThat(caller.voiceShare(greeting[0], greeting[1])).as("greeting in the fake voice").isGreaterThan(0.8);

            int[] reply = caller.awaitBotUtterance(caller.say(request), 20);
            assertThat(rtp.digitsReceived()).as("send_dtmf reached the caller as RFC 4733 events").isEqualTo("12#");
            assertThat(caller.voiceShare(reply[0], reply[1])).as("the reply is the fake voice").isGreaterThan(0.8);
            // the fake voice lasts 20 ms per character: the whole reply was heard
            assertThat(caller.loudFrames(reply[0], reply[1])).isGreaterThanOrEqualTo(said.length() * 9 / 10);

            rtp.sendAudio(goodbye);
            caller.peer.silenceUntilDone(call.sipp(), 30);
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as("the bot hung up: " + result.describe() + "\n" + server.logText()).isZero();
        }
        List<JsonNode> requests = openai.requests().subList(before, openai.requests().size());
        assertThat(requests).hasSize(4);
        assertThat(lastUserText(requests.get(0))).contains("book an appointment");
        assertThat(requests.get(0).path("tools").toString()).contains("send_dtmf").contains("hang_up");
        JsonNode toolResult = lastMessage(requests.get(1));
        assertThat(toolResult.path("role").asText()).isEqualTo("tool");
        assertThat(toolResult.path("tool_call_id").asText()).isEqualTo("call_dtmf_1");
        assertThat(toolResult.path("content").asText()).contains("sent 12#");
        assertThat(lastUserText(requests.get(2))).contains("goodbye");

        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("endReason").asText()).isEqualTo("bot_hangup");
        assertThat(record.path("callOutcome").asText()).isEqualTo("COMPLETED");
        List<String> turns = new ArrayList<>();
        record.path("turns").forEach(t -> turns.add(t.path("speaker").asText() + ": " + t.path("text").asText()));
        assertThat(turns).contains("caller: I would like to book an appointment.", "bot: " + said,
                "caller: No thank you, goodbye.", "bot: Goodbye and thank you for calling.");
        assertCosted(record);
        List<JsonNode> answered = assertTurnLatencies(record, "tool call");
        assertThat(answered).hasSize(2);
    }

    @Test
    @Order(2)
    void callerSpeakingOverTheBotStopsItsAudioAndTheNextTurnAnswersTheNewWords() throws Exception {
        short[] request = speak("tell me about your clinic");
        short[] question = speak("what time do you open on saturday");
        short[] goodbye = speak("no thank you goodbye");
        deepgram.script("Tell me about your clinic.", "What time do you open on Saturday?", "No thank you, goodbye.");
        int before = openai.requests().size();
        String answer = "We open at nine on Saturday.";
        openai.enqueue(ScriptedReply.words(LONG_REPLY), ScriptedReply.words(answer),
                ScriptedReply.words("Goodbye.").withToolCall("call_bye", "hang_up", "{}"), silent());
        String callId;
        try (RtpPeer rtp = new RtpPeer()) {
            Call call = call("desk", "barge", rtp);
            callId = call.callId();
            assertThat(rtp.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
            CascadeCaller caller = new CascadeCaller(rtp);
            caller.awaitBotUtterance(0, 20); // greeting

            int longStart = caller.awaitBotAudio(caller.say(request), 20);
            caller.pause(1000);
            int bargeAt = rtp.receivedSamples();
            int wordsEnd = caller.say(question);
            int spokenEnd = rtp.receivedSamples();
            // the long reply would run for seconds more: from a second into the caller's words to
            // their last loud frame (espeak leaves a quiet tail, in which the next turn may begin), quiet
            assertThat(wordsEnd - bargeAt).as("the question lasts well over a second").isGreaterThan(12_000);
            assertThat(caller.loudFrames(bargeAt + 8000, wordsEnd)).as("bot audio after the caller cut in, at "
                    + caller.loudRuns(bargeAt, spokenEnd) + " ms from the cut\n" + server.logText()).isZero();
            int lastLoud = caller.lastLoudFrameEnd(longStart, bargeAt + 8000);
            Figures.record("cascade barge-in: bot audio heard after the caller's words began (espeak lead-in included)",
                    ((lastLoud - bargeAt) / 8) + " ms");

            int[] second = caller.awaitBotUtterance(wordsEnd, 20);
            assertThat(caller.voiceShare(second[0], second[1])).isGreaterThan(0.8);
            assertThat(caller.loudFrames(second[0], second[1])).as("the short answer, not the long reply")
                    .isBetween(answer.length() * 9 / 10, answer.length() * 2);

            rtp.sendAudio(goodbye);
            caller.peer.silenceUntilDone(call.sipp(), 30);
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as("the bot hung up: " + result.describe() + "\n" + server.logText()).isZero();
        }
        List<JsonNode> requests = openai.requests().subList(before, openai.requests().size());
        assertThat(requests).hasSize(4);
        assertThat(lastUserText(requests.get(1))).contains("Saturday").doesNotContain("clinic");
        String heard = assistantTexts(requests.get(1)).get(assistantTexts(requests.get(1)).size() - 1);
        assertThat(heard).as("the cut reply is remembered as far as it was heard").isNotBlank();
        assertThat(heard.length()).isLessThan(LONG_REPLY.length() / 2);
        assertThat(LONG_REPLY).startsWith(heard.substring(0, Math.min(20, heard.length())));

        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("latency").path("interruptions").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(record.path("turns").toString()).contains("Saturday").contains(answer);
        List<JsonNode> answered = assertTurnLatencies(record, "barge-in");
        assertThat(answered).hasSize(3);
        assertThat(answered.get(0).path("interrupted").asBoolean()).as("turn 1 was cut short").isTrue();
        assertThat(answered.get(1).path("interrupted").asBoolean()).isFalse();
        assertCosted(record);
    }

    @Test
    @Order(3)
    void aBackchannelOverTheBotLetsItResumeAndFinish() throws Exception {
        short[] request = speak("tell me about your clinic");
        short[] backchannel = speak("uh huh");
        short[] goodbye = speak("no thank you goodbye");
        deepgram.script("Tell me about your clinic.", "uh-huh", "No thank you, goodbye.");
        int before = openai.requests().size();
        String reply = "Our clinic has six dentists and two hygienists, and we are open every weekday until six.";
        openai.enqueue(ScriptedReply.words(reply),
                ScriptedReply.words("Goodbye.").withToolCall("call_bye", "hang_up", "{}"), silent());
        String callId;
        try (RtpPeer rtp = new RtpPeer()) {
            Call call = call("desk", "backchannel", rtp);
            callId = call.callId();
            assertThat(rtp.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
            CascadeCaller caller = new CascadeCaller(rtp);
            caller.awaitBotUtterance(0, 20); // greeting

            long synthesizedBefore = deepgram.speakConnections().getLast().audioBytesSent();
            int start = caller.awaitBotAudio(caller.say(request), 20);
            caller.pause(800);
            rtp.sendAudio(backchannel);
            int end = caller.awaitBotQuiet(start, 2500, 30);
            int synthesizedMs = (int) ((deepgram.speakConnections().getLast().audioBytesSent() - synthesizedBefore) / 8);
            int heardMs = caller.loudFrames(start, end) * 20;
            Figures.record("cascade false interruption: reply audio", heardMs + " ms heard of " + synthesizedMs
                    + " ms synthesized, over " + (end - start) / 8 + " ms; loud at " + caller.loudRuns(start, end));
            // paused while the caller spoke, then resumed where it stopped: all of it was played
            assertThat(synthesizedMs).as("the fake voice for the reply").isGreaterThanOrEqualTo(reply.length() * 20 * 9 / 10);
            assertThat(heardMs).as("the reply played to its end").isGreaterThanOrEqualTo(synthesizedMs - 60);
            assertThat((end - start) / 8).as("the bot paused while the caller spoke").isGreaterThan(heardMs + 200);
            assertThat(caller.voiceShare(start, end)).isGreaterThan(0.8);

            rtp.sendAudio(goodbye);
            caller.peer.silenceUntilDone(call.sipp(), 30);
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as("the bot hung up: " + result.describe() + "\n" + server.logText()).isZero();
        }
        List<JsonNode> requests = openai.requests().subList(before, openai.requests().size());
        assertThat(requests).as("the backchannel started no turn").hasSize(3);
        assertThat(lastUserText(requests.get(1))).contains("goodbye").doesNotContain("uh");
        assertThat(assistantTexts(requests.get(1))).contains(reply);

        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("latency").path("falseInterruptions").asInt()).isGreaterThanOrEqualTo(1);
        List<JsonNode> answered = assertTurnLatencies(record, "false interruption");
        assertThat(answered).hasSize(2);
        assertThat(answered.get(0).path("interrupted").asBoolean()).isFalse();
        assertThat(answered.get(0).path("falseInterruptions").asInt()).isGreaterThanOrEqualTo(1);
        assertCosted(record);
    }

    @Test
    @Order(4)
    void aDroppedSpeechSocketFailsOverToTheLocalRecognizerAndTheCallGoesOn() throws Exception {
        short[] question = speak("what time do you open on saturday");
        short[] request = speak("I would like to book an appointment");
        deepgram.script("What time do you open on Saturday?");
        int before = openai.requests().size();
        openai.enqueue(ScriptedReply.words("We open at nine on Saturday."),
                ScriptedReply.words("Booked for nine. Goodbye.").withToolCall("call_bye", "hang_up", "{}"), silent());
        String callId;
        try (RtpPeer rtp = new RtpPeer()) {
            Call call = call("resilient", "failover", rtp);
            callId = call.callId();
            assertThat(rtp.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP").isTrue();
            CascadeCaller caller = new CascadeCaller(rtp);
            caller.awaitBotUtterance(0, 20); // greeting
            caller.awaitBotUtterance(caller.say(question), 20);

            int listens = deepgram.listenConnections().size();
            deepgram.dropListenConnections();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!server.logText().contains("failing over to local") && System.nanoTime() < deadline) {
                caller.pause(100);
            }
            assertThat(server.logText()).contains("failing over to local");
            int[] reply = caller.awaitBotUtterance(caller.say(request), 30);
            assertThat(caller.voiceShare(reply[0], reply[1])).isGreaterThan(0.8);
            caller.peer.silenceUntilDone(call.sipp(), 30);
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as("the bot hung up: " + result.describe() + "\n" + server.logText()).isZero();
            assertThat(deepgram.listenConnections()).as("no new Deepgram stream: the local one took over")
                    .hasSize(listens);
        }
        List<JsonNode> requests = openai.requests().subList(before, openai.requests().size());
        assertThat(requests).hasSize(3);
        assertThat(lastUserText(requests.get(0))).contains("Saturday");
        assertThat(lastUserText(requests.get(1)).toLowerCase(Locale.ROOT)).as("heard by the local recognizer")
                .contains("appointment");

        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("endReason").asText()).isEqualTo("bot_hangup");
        assertThat(record.path("callOutcome").asText()).isEqualTo("COMPLETED");
        assertThat(assertTurnLatencies(record, "failover")).hasSize(2);
        assertCosted(record); // the dropped Deepgram stream is billed too (what was sent to it)
    }

    /** The contents of the assistant messages of a Chat Completions request, in order. */
    private static List<String> assistantTexts(JsonNode request) {
        List<String> texts = new ArrayList<>();
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("assistant") && m.path("content").isTextual()) {
                texts.add(m.path("content").asText());
            }
        }
        return texts;
    }

    /** A reply with no text (the record's accessor hides the no-argument static factory). */
    private static ScriptedReply silent() {
        return ScriptedReply.text(new String[0]);
    }

    /** The text of the last user message of a Chat Completions request. */
    private static String lastUserText(JsonNode request) {
        String text = "";
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                text = m.path("content").asText();
            }
        }
        return text;
    }

    private static JsonNode lastMessage(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1);
    }

    /** Cost lines for stt, llm and tts by the fakes' vendors, each priced above zero; all lines add up to the total. */
    private static void assertCosted(JsonNode record) {
        JsonNode cost = record.path("cost");
        assertThat(cost.path("currency").asText()).isEqualTo("USD");
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        List<String> components = new ArrayList<>();
        for (JsonNode line : cost.path("lines")) {
            components.add(line.path("component").asText() + "/" + line.path("vendor").asText());
            sum = sum.add(line.path("amount").decimalValue());
            if (List.of("deepgram", "openai").contains(line.path("vendor").asText())) { // local engines are free
                assertThat(line.path("amount").decimalValue()).as(line.toString()).isPositive();
            }
        }
        assertThat(components).as(cost.toString()).contains("stt/deepgram", "llm/openai", "tts/deepgram");
        // the total is kept in micro-dollars (CallAnalysis), the lines exactly
        assertThat(cost.path("total").decimalValue()).as(cost.toString())
                .isEqualByComparingTo(sum.setScale(6, java.math.RoundingMode.HALF_UP)).isPositive();
        Figures.record("cascade call cost", cost.path("total").decimalValue().toPlainString() + " USD " + cost.path("lines"));
    }

    /**
     * Every turn that answered the caller has voice-to-voice latency whose parts add up to it;
     * returns those turns.
     */
    private static List<JsonNode> assertTurnLatencies(JsonNode record, String label) {
        List<JsonNode> answered = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        for (JsonNode t : record.path("turnMetrics")) {
            if (t.path("callerText").asText().isBlank()) {
                continue; // the greeting: nobody spoke before it
            }
            answered.add(t);
            assertThat(t.path("voiceToVoiceMs").isIntegralNumber()).as("voice-to-voice of " + t).isTrue();
            long v2v = t.path("voiceToVoiceMs").asLong();
            long parts = 0;
            for (String part : List.of("endpointingMs", "sttMs", "llmMs", "ttsMs", "sendMs")) {
                assertThat(t.path(part).isIntegralNumber()).as(part + " of " + t).isTrue();
                if (!part.equals("sttMs")) { // negative when the final came before the end of turn (TurnPart.STT)
                    assertThat(t.path(part).asLong()).as(part + " of " + t).isGreaterThanOrEqualTo(0);
                }
                parts += t.path(part).asLong();
            }
            assertThat(t.path("endpointingMs").asLong() + t.path("sttMs").asLong()).as("end of speech to final, " + t)
                    .isGreaterThanOrEqualTo(0);
            assertThat(parts).as("parts add up to voice-to-voice in " + t).isEqualTo(v2v);
            assertThat(v2v).as("voice-to-voice of " + t).isBetween(1L, 10_000L);
            figures.add(String.format(Locale.ROOT, "v2v %d ms (endpointing %d, stt %d, llm %d, tts %d, send %d)", v2v,
                    t.path("endpointingMs").asLong(), t.path("sttMs").asLong(), t.path("llmMs").asLong(),
                    t.path("ttsMs").asLong(), t.path("sendMs").asLong()));
        }
        Figures.record("cascade " + label + ": per turn", String.join("; ", figures));
        return answered;
    }
}
