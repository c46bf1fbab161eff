package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.voxgate.fakes.gemini.FakeGeminiLive;
import org.voxgate.fakes.openai.FakeOpenAiRealtime;
import org.voxgate.fakes.realtime.ReplyScript;
import org.voxgate.fakes.realtime.Tone;

/**
 * The realtime (speech-to-speech) shape end to end: the real server process with
 * {@code mode: realtime} bots whose models are the OpenAI Realtime and Gemini Live fakes running
 * in this JVM, and SIPp calls whose media is a real RTP socket. espeak-ng speech goes in; the
 * fake's server VAD takes the turn and answers with a 600 Hz tone, which the caller must hear;
 * a barge-in must stop that tone at the caller and truncate the model's reply at what the caller
 * heard; tool calls go through the server's built-in tools and back to the model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeIT {
    private static final String PROMPT = "You are the front desk of a dental clinic. Be brief.";
    private static final double OTHER_HZ = Tone.REPLY_HZ * 1.25;

    private Path work;
    private FakeOpenAiRealtime openai;
    private FakeGeminiLive gemini;
    private VoxgateProcess server;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("voxgate-realtime-it");
        openai = FakeOpenAiRealtime.start("sk-realtime-it");
        gemini = FakeGeminiLive.start("gemini-realtime-it");
        Path config = work.resolve("voxgate.yaml");
        Files.writeString(config, """
                bots:
                  agents:
                    concierge:
                      mode: realtime
                      prompt: %s
                      realtime: {vendor: openai, model: gpt-realtime, voice: marin}
                      silence-ms: 400
                    geminivoice:
                      mode: realtime
                      prompt: Be brief.
                      realtime: {vendor: gemini, model: gemini-2.5-flash-native-audio}
                      silence-ms: 400
                """.formatted(PROMPT));
        server = new VoxgateProcess(work.resolve("node"), Map.of(
                "VOXGATE_CONFIG", config.toString(),
                "VOXGATE_PROVIDERS_OPENAI_REALTIME_URL", openai.baseUrl(),
                "VOXGATE_PROVIDERS_GEMINI_BASE_URL", gemini.baseUrl(),
                "OPENAI_API_KEY", "sk-realtime-it",
                "GEMINI_API_KEY", "gemini-realtime-it")).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).as("exit status after SIGTERM").isIn(0, 143);
        }
        if (openai != null) {
            openai.close();
        }
        if (gemini != null) {
            gemini.close();
        }
    }

    /** A SIPp call in flight and the Call-ID it carries. */
    private record Call(String callId, Sipp.Running sipp) {}

    private Call call(String scenario, String tag, RtpPeer peer, String bot, int pauseMillis) throws Exception {
        Sipp sipp = Sipp.scenario(scenario, server.sipPort, work.resolve("sipp-" + tag));
        String callId = sipp.callIdTag(tag + "-" + UUID.randomUUID());
        Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";" + bot + ";"))
                .arg("-d", Integer.toString(pauseMillis)).start(1, 90);
        assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("server sent RTP\n" + server.logText()).isTrue();
        return new Call(callId, running);
    }

    @Test
    void openAiAnswersTheCallersWordsAndTheCallIsMeasuredAndPriced() throws Exception {
        openai.script(ReplyScript.reply("I would like to book an appointment", "Of course, which day suits you?",
                1500));
        short[] request = Audio.speak("I would like to book an appointment", work.resolve("speech"));
        int updatesBefore = openai.received("session.update").size();
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Call call = call("uac-hangup.xml", "rt-reply", peer, "concierge", 9000);
            callId = call.callId();
            CallPeer caller = new CallPeer(peer);
            int before = peer.receivedSamples();
            peer.sendAudio(request);
            int start = caller.awaitBotUtterance(before, 600, 20);
            assertThat(start).as("the model's reply reached the caller\n" + server.logText()).isGreaterThanOrEqualTo(0);
            short[] reply = peer.received(start, peer.receivedSamples());
            double share = Audio.toneShare(reply, Tone.REPLY_HZ);
            double elsewhere = Audio.toneShare(reply, OTHER_HZ);
            long heardMillis = LoudFrames.loudMillis(reply);
            Figures.record("realtime OpenAI reply at the caller", String.format(Locale.ROOT,
                    "%d ms of the 1500 ms tone; share at 600 Hz %.3f (at 750 Hz %.3f)", heardMillis, share, elsewhere));
            assertThat(share).as("reply tone at 600 Hz").isGreaterThan(0.8);
            assertThat(elsewhere).isLessThan(0.1);
            assertThat(heardMillis).as("the whole reply played").isBetween(1400L, 1600L);
            caller.silenceUntilDone(call.sipp(), 30);
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
        }

        List<JsonNode> updates = openai.received("session.update");
        assertThat(updates).hasSizeGreaterThan(updatesBefore);
        JsonNode session = updates.get(updates.size() - 1).path("session");
        assertThat(session.path("type").asText()).isEqualTo("realtime");
        // the bot's prompt, then what is known about the caller once the class's earlier calls are on record
        String instructions = session.path("instructions").asText();
        assertThat(instructions).startsWith(PROMPT);
        if (!instructions.equals(PROMPT)) {
            assertThat(instructions.substring(PROMPT.length())).startsWith("\n\nAbout this caller: This caller has called");
        }
        assertThat(session.path("audio").path("output").path("voice").asText()).isEqualTo("marin");
        assertThat(session.path("audio").path("input").path("format").path("type").asText()).isEqualTo("audio/pcmu");
        assertThat(session.path("audio").path("output").path("format").path("type").asText()).isEqualTo("audio/pcmu");
        assertThat(session.path("audio").path("input").path("turn_detection").path("silence_duration_ms").asInt())
                .isEqualTo(400);
        assertThat(openai.handshakes().get(openai.handshakes().size() - 1))
                .containsEntry("model", "gpt-realtime").containsEntry("OpenAI-Beta", "null");

        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("bot").asText()).isEqualTo("concierge");
        assertThat(record.path("endReason").asText()).isEqualTo("caller_hangup");
        assertThat(record.path("callOutcome").asText()).isEqualTo("CALLER_HUNG_UP");
        assertThat(turnTexts(record, "caller")).contains("I would like to book an appointment");
        assertThat(turnTexts(record, "bot")).contains("Of course, which day suits you?");
        JsonNode turn = record.path("turnMetrics").path(0);
        assertThat(turn.isMissingNode()).as("turn metrics\n" + record.toPrettyString()).isFalse();
        assertThat(turn.path("firstBotAudioAt").isNull()).as("first bot audio marked: " + turn).isFalse();
        assertThat(turn.path("userSpeechEndAt").isNull()).as("end of caller speech marked: " + turn).isFalse();
        // The model's VAD ends the turn after its 400 ms silence window, so voice-to-voice is at
        // least that; and every mark lies within the call (the timeline's clock is the call's).
        assertThat(turn.path("voiceToVoiceMs").asLong(-1)).as("voice-to-voice: " + turn).isBetween(400L, 3000L);
        assertThat(turn.path("endpointingMs").asLong(-1)).as("endpointing: " + turn).isEqualTo(400L);
        assertThat(turn.path("sendMs").isNumber()).as("first packet sent after the hand-over: " + turn).isTrue();
        Instant answered = instant(record.path("answeredAt"));
        Instant ended = instant(record.path("endedAt"));
        assertThat(instant(turn.path("userSpeechEndAt"))).as("turn " + turn).isBetween(answered, ended);
        assertThat(instant(turn.path("firstBotAudioAt"))).as("turn " + turn).isBetween(answered, ended);
        JsonNode line = costLine(record, "openai", "gpt-realtime");
        assertThat(line).as("a cost line for the realtime model\n" + record.path("cost").toPrettyString()).isNotNull();
        assertThat(line.path("priced").asBoolean()).isTrue();
        assertThat(line.path("amount").decimalValue()).isPositive();
        assertThat(record.path("cost").path("total").decimalValue()).isPositive();
        Figures.record("realtime OpenAI call cost", record.path("cost").path("total").asText() + " USD, "
                + record.path("cost").path("lines").size() + " lines; voice-to-voice "
                + turn.path("voiceToVoiceMs").asText() + " ms = endpointing " + turn.path("endpointingMs").asText()
                + " (the 400 ms silence window) + stt " + turn.path("sttMs").asText()
                + " + llm " + turn.path("llmMs").asText()
                + " + tts " + turn.path("ttsMs").asText() + " + send " + turn.path("sendMs").asText());
    }

    @Test
    void bargeInStopsTheReplyAndTruncatesItAtWhatTheCallerHeard() throws Exception {
        // Generated a little faster than real time (20 ms of audio every 15 ms), as the real API
        // does: the reply is still in progress at the barge-in and some of it waits in the
        // server's playback queue, which must not count as heard.
        openai.script(ReplyScript.reply("tell me about your opening hours",
                "We are open every weekday from eight in the morning until six in the evening and on", 10_000)
                .pacedEvery(15));
        short[] question = Audio.speak("tell me about your opening hours", work.resolve("speech"));
        short[] interruption = Audio.speak("I have another question about my appointment",
                work.resolve("speech")); // no commas: a pause would end the caller's turn mid-sentence
        int truncatesBefore = openai.received("conversation.item.truncate").size();
        int cancelsBefore = openai.received("response.cancel").size();
        String callId;
        long heardMillis;
        long stoppedAfterMillis;
        try (RtpPeer peer = new RtpPeer()) {
            Call call = call("uac-hangup.xml", "rt-barge", peer, "concierge", 16000);
            callId = call.callId();
            CallPeer caller = new CallPeer(peer);
            int before = peer.receivedSamples();
            peer.sendAudio(question);
            int start = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (start < 0 && System.nanoTime() < deadline) {
                peer.sendSilence(100);
                start = caller.firstLoudFrame(before, peer.receivedSamples());
            }
            assertThat(start).as("the reply started\n" + server.logText()).isGreaterThanOrEqualTo(0);
            peer.sendSilence(2000); // the caller listens for a while, then talks over the reply
            openai.script(ReplyScript.reply("another question", "Yes?", 400));
            int bargeIn = peer.receivedSamples();
            peer.sendAudio(interruption);
            // Both directions run in real time, so the audio received while the caller's words
            // (up to their last loud frame) were going out is what the caller heard meanwhile; the
            // model's answer to the interruption comes only after its silence window.
            int speaking = LoudFrames.lastLoudFrameEnd(interruption);
            short[] during = peer.received(bargeIn, bargeIn + speaking);
            int stoppedAt = LoudFrames.firstQuiet(during);
            stoppedAfterMillis = stoppedAt / 8;
            heardMillis = LoudFrames.loudMillis(peer.received(start, bargeIn + speaking));
            String timeline = "loud/quiet runs from the reply's start: "
                    + LoudFrames.runs(peer.received(start, bargeIn + speaking)) + ", barge-in at "
                    + (bargeIn - start) / 8 + " ms";
            assertThat(stoppedAfterMillis).as("the reply stopped at the caller after the barge-in began; " + timeline)
                    .isLessThan(1000);
            assertThat(LoudFrames.loudMillis(peer.received(bargeIn + stoppedAt, bargeIn + speaking)))
                    .as("no bot audio while the caller goes on talking; " + timeline).isZero();
            caller.silenceUntilDone(call.sipp(), 30);
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
        }
        List<JsonNode> truncates = openai.await("conversation.item.truncate", truncatesBefore + 1,
                Duration.ofSeconds(10));
        JsonNode truncate = truncates.get(truncatesBefore);
        long audioEnd = truncate.path("audio_end_ms").asLong();
        long sent = openai.audioMillisSent(truncate.path("item_id").asText());
        Figures.record("realtime barge-in: truncate audio_end_ms vs heard", String.format(Locale.ROOT,
                "audio_end_ms %d, heard by the caller %d ms (diff %+d), fake sent %d ms; tone stopped %d ms after "
                        + "the caller began", audioEnd, heardMillis, audioEnd - heardMillis, sent, stoppedAfterMillis));
        // Both figures are audio lengths, not wall times, so network and jitter delays cancel out:
        // the server counts what it handed to the channel minus what was still queued when the
        // model's speech_started arrived; the caller counts the loud 20 ms frames it received.
        // They differ by the packet the pacer was sending at the clear and by frame rounding
        // (expected within 40 ms); 150 ms leaves room for a late pacer tick on a loaded machine.
        assertThat(audioEnd).as("truncated at what the caller heard (%d ms)", heardMillis)
                .isBetween(heardMillis - 150, heardMillis + 150);
        assertThat(audioEnd).as("never beyond the audio the model sent").isLessThanOrEqualTo(sent);
        assertThat(sent).as("the reply was cut short").isLessThan(10_000);
        assertThat(truncate.path("content_index").asInt(-1)).isZero();
        assertThat(openai.received("response.cancel")).as("the reply in progress was cancelled")
                .hasSizeGreaterThan(cancelsBefore);
        assertThat(openai.sent("conversation.item.truncated").stream()
                .anyMatch(e -> e.path("item_id").asText().equals(truncate.path("item_id").asText())))
                .as("the fake accepted the truncation").isTrue();

        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("latency").path("interruptions").asInt()).as(record.toPrettyString()).isPositive();
        boolean interruptedTurn = false;
        for (JsonNode t : record.path("turnMetrics")) {
            interruptedTurn |= t.path("interrupted").asBoolean();
        }
        assertThat(interruptedTurn).as("a turn marked interrupted: " + record.path("turnMetrics")).isTrue();
        assertThat(server.logText()).as("no realtime errors logged").doesNotContain("realtime error");
    }

    @Test
    void toolCallsRunOnTheCallAndTheirResultsGoBackToTheModel() throws Exception {
        openai.script(ReplyScript.reply("press four two and hash", "Done, I pressed them.", 600)
                .withToolCall("send_dtmf", "{\"digits\":\"42#\"}"));
        short[] press = Audio.speak("please press four two and hash", work.resolve("speech"));
        short[] bye = Audio.speak("thank you goodbye", work.resolve("speech"));
        int outputsBefore = functionOutputs().size();
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Call call = call("uac-await-bye.xml", "rt-tools", peer, "concierge", 0);
            callId = call.callId();
            CallPeer caller = new CallPeer(peer);
            int before = peer.receivedSamples();
            peer.sendAudio(press);
            int answer = caller.awaitBotUtterance(before, 600, 20);
            assertThat(answer).as("the model answered after the tool\n" + server.logText()).isGreaterThanOrEqualTo(0);
            assertThat(peer.digitsReceived()).as("RFC 4733 digits from send_dtmf").isEqualTo("42#");
            Figures.record("realtime tool call send_dtmf", "digits at the caller: " + peer.digitsReceived());
            openai.script(ReplyScript.reply("thank you goodbye", "Goodbye!", 600).withToolCall("hang_up", "{}"));
            int beforeBye = peer.receivedSamples();
            peer.sendAudio(bye);
            caller.silenceUntilDone(call.sipp(), 30);
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as("the server hung up (BYE)\n" + result.describe()).isZero();
            short[] goodbye = peer.received(beforeBye, peer.receivedSamples());
            assertThat(LoudFrames.loudMillis(goodbye)).as("the goodbye played before the BYE").isBetween(500L, 700L);
            assertThat(Audio.toneShare(goodbye, Tone.REPLY_HZ)).isGreaterThan(0.8);
        }
        List<JsonNode> calls = openai.sent("response.function_call_arguments.done");
        List<JsonNode> outputs = functionOutputs();
        assertThat(outputs).hasSize(outputsBefore + 2);
        JsonNode dtmf = outputs.get(outputsBefore);
        JsonNode hangUp = outputs.get(outputsBefore + 1);
        assertThat(dtmf.path("call_id").asText()).isEqualTo(callIdOf(calls, "send_dtmf"));
        assertThat(dtmf.path("output").asText()).contains("sent 42#");
        assertThat(hangUp.path("call_id").asText()).isEqualTo(callIdOf(calls, "hang_up"));
        assertThat(hangUp.path("output").asText()).contains("the call ends");

        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("endReason").asText()).isEqualTo("bot_hangup");
        assertThat(record.path("callOutcome").asText()).isEqualTo("COMPLETED");
        assertThat(turnTexts(record, "bot")).contains("Done, I pressed them.", "Goodbye!");
    }

    @Test
    void geminiLiveReplyIsResampledAndHeard() throws Exception {
        gemini.script(ReplyScript.reply("hello", "Hello, this is Gemini.", 1200));
        short[] hello = Audio.speak("hello is anybody there", work.resolve("speech"));
        int setupsBefore = gemini.received("setup").size();
        String callId;
        try (RtpPeer peer = new RtpPeer()) {
            Call call = call("uac-hangup.xml", "rt-gemini", peer, "geminivoice", 7000);
            callId = call.callId();
            CallPeer caller = new CallPeer(peer);
            int before = peer.receivedSamples();
            peer.sendAudio(hello);
            int start = caller.awaitBotUtterance(before, 600, 20);
            assertThat(start).as("Gemini's reply reached the caller\n" + server.logText()).isGreaterThanOrEqualTo(0);
            short[] reply = peer.received(start, peer.receivedSamples());
            double share = Audio.toneShare(reply, Tone.REPLY_HZ);
            double elsewhere = Audio.toneShare(reply, OTHER_HZ);
            long heardMillis = LoudFrames.loudMillis(reply);
            Figures.record("realtime Gemini reply at the caller (24 kHz -> 8 kHz)", String.format(Locale.ROOT,
                    "%d ms of the 1200 ms tone; share at 600 Hz %.3f (at 750 Hz %.3f)", heardMillis, share, elsewhere));
            assertThat(share).as("reply tone at 600 Hz after resampling").isGreaterThan(0.8);
            assertThat(elsewhere).isLessThan(0.1);
            assertThat(heardMillis).isBetween(1100L, 1300L);
            caller.silenceUntilDone(call.sipp(), 30);
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
        }
        List<JsonNode> setups = gemini.received("setup");
        assertThat(setups).hasSizeGreaterThan(setupsBefore);
        assertThat(setups.get(setups.size() - 1).path("model").asText())
                .isEqualTo("models/gemini-2.5-flash-native-audio");
        JsonNode record = server.awaitEndedCall(callId);
        assertThat(record.path("bot").asText()).isEqualTo("geminivoice");
        assertThat(turnTexts(record, "bot")).contains("Hello, this is Gemini.");
        JsonNode line = costLine(record, "gemini", "gemini-2.5-flash-native-audio");
        assertThat(line).as("a cost line for Gemini\n" + record.path("cost").toPrettyString()).isNotNull();
        assertThat(line.path("amount").decimalValue()).isPositive();
    }

    /** {@code conversation.item.create} events carrying a function's output, in order. */
    private List<JsonNode> functionOutputs() {
        return openai.received("conversation.item.create").stream().map(e -> e.path("item"))
                .filter(item -> item.path("type").asText().equals("function_call_output")).toList();
    }

    private static String callIdOf(List<JsonNode> calls, String name) {
        return calls.stream().filter(c -> c.path("name").asText().equals(name)).reduce((a, b) -> b)
                .map(c -> c.path("call_id").asText()).orElseThrow(() -> new AssertionError("no call of " + name));
    }

    private static List<String> turnTexts(JsonNode record, String speaker) {
        List<String> texts = new ArrayList<>();
        record.path("turns").forEach(t -> {
            if (t.path("speaker").asText().equals(speaker)) {
                texts.add(t.path("text").asText());
            }
        });
        return texts;
    }

    private static JsonNode costLine(JsonNode record, String vendor, String model) {
        for (JsonNode line : record.path("cost").path("lines")) {
            if (line.path("vendor").asText().equals(vendor) && line.path("model").asText().equals(model)) {
                return line;
            }
        }
        return null;
    }

    /** An instant as the API writes it: ISO-8601 text, or epoch seconds with a fraction. */
    private static Instant instant(JsonNode value) {
        if (value.isNumber()) {
            java.math.BigDecimal seconds = value.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(value.asText());
    }
}
