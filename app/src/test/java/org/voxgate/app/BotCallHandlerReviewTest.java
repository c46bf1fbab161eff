package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.fakes.llm.ScriptedReply;
import org.voxgate.fakes.openai.FakeOpenAiChat;
import org.voxgate.media.MediaConfig;
import org.voxgate.media.MediaSession;
import org.voxgate.media.RtpMediaEngine;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.CallSummary;
import org.voxgate.sip.EndReason;
import org.voxgate.sip.TransferObserver;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/**
 * The review wired through the call handler: what a bot records on its call reaches the
 * reviewer (the OpenAI fake) after the call ends, and the review is stored with the call record.
 */
class BotCallHandlerReviewTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private final FakeOpenAiChat fake = FakeOpenAiChat.start("sk-review");
    private RtpMediaEngine media;
    private Store store;
    private CallRecordWriter writer;

    @BeforeEach
    void open() throws Exception {
        int base = TestPorts.freeUdpRange(4);
        media = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3, Duration.ofSeconds(30)),
                Clock.systemUTC()).start();
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        writer = new CallRecordWriter(store.calls(), dir.resolve("journal"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        writer.close();
        store.close();
        media.close();
        fake.close();
    }

    /** A bot that says its lines on the call as soon as it is opened. */
    private record ScriptedBot(String name) implements Bot {
        @Override
        public BotSession open(CallContext call) {
            Instant now = call.clock().instant();
            call.recordTurn(CallContext.Speaker.BOT, "Hello, how can I help?", now, now);
            call.recordTurn(CallContext.Speaker.CALLER, "Cancel my appointment please.", now, now);
            call.recordTurn(CallContext.Speaker.BOT, "Done, it is cancelled.", now, now);
            return () -> { };
        }
    }

    @Test
    void aBotsCallIsReviewedAfterItEndsAndTheReviewIsStoredWithIt() throws Exception {
        Path yaml = dir.resolve("voxgate.yaml");
        Files.writeString(yaml, """
                bots:
                  agents:
                    desk:
                      mode: cascade
                      stt: {vendor: deepgram}
                      llm: {vendor: openai, model: gpt-4o-mini}
                      tts: {vendor: deepgram}
                """);
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-review", "DEEPGRAM_API_KEY", "dg",
                "VOXGATE_PROVIDERS_OPENAI_BASE_URL", fake.baseUrl());
        VoxgateConfig config = VoxgateConfig.from(ConfigTree.load(yaml, env));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BotCallHandler handler = new BotCallHandler(List.of(new ScriptedBot("desk")), "desk", writer, registry,
                Clock.systemUTC(), new CallTransfers("", u -> false, null, Thread.ofVirtual().factory()));
        handler.useReviews(AgentReviewers.build(config.agents(),
                new ProviderCatalog(config.providers(), env, registry, null), config.review()));
        fake.enqueue(ScriptedReply.text("{\"summary\": \"The caller cancelled an appointment.\", \"rating\": 8, "
                + "\"reasons\": [\"did what was asked\"]}").withUsage(300, 0, 30));

        // the row onInvite writes, so the call's turns and events have a call to belong to
        writer.callUpdated(new CallRecord("h-1", "inbound", "sip:alice@example.com", "desk", "desk", T0, null, null,
                null, null, List.of()));
        MediaSession session = media.open("h-1");
        handler.onAnswered(new Answered("h-1", session));
        handler.onEnded(new CallSummary("h-1", "inbound", "sip:alice@example.com", "desk", "desk", T0,
                T0.plusSeconds(1), T0.plusSeconds(20), EndReason.CALLER_HANGUP, "PCMU",
                org.voxgate.sip.CallOutcome.ANSWERED, 200, null));
        session.close();

        CallRecord stored = awaitReview("h-1");
        assertThat(stored.review().summary()).isEqualTo("The caller cancelled an appointment.");
        assertThat(stored.review().rating()).isEqualTo(8);
        assertThat(stored.review().ratingReasons()).isEqualTo("[\"did what was asked\"]");
        assertThat(stored.analysis().outcome()).isEqualTo("CALLER_HUNG_UP");
        assertThat(stored.turns()).extracting(t -> t.speaker()).containsExactly("bot", "caller", "bot");
        assertThat(stored.analysis().costLines()).extracting(l -> l.component()).containsOnly("review");
        assertThat(fake.requests().getFirst().path("messages").get(1).path("content").asText())
                .contains("Call outcome: CALLER_HUNG_UP").contains("agent: Hello, how can I help?\n"
                        + "caller: Cancel my appointment please.\nagent: Done, it is cancelled.\n");
    }

    private CallRecord awaitReview(String callId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            writer.flush(Duration.ofSeconds(5));
            Optional<CallRecord> call = store.calls().find(callId);
            if (call.isPresent() && call.get().review() != null) {
                return call.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no review stored for " + callId + " within 30 s");
    }

    /** The SIP layer's view of an answered inbound call to the bot {@code desk}. */
    private record Answered(String callId, MediaSession media) implements ActiveCall {
        @Override public String from() { return "sip:alice@example.com"; }
        @Override public String to() { return "desk"; }
        @Override public String bot() { return "desk"; }
        @Override public void hangup(EndReason reason) { }
        @Override public void refer(String referToUri, TransferObserver observer) { }
    }
}
