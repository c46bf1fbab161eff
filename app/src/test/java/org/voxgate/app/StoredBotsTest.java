package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.media.MediaConfig;
import org.voxgate.media.MediaSession;
import org.voxgate.media.RtpMediaEngine;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.CallSummary;
import org.voxgate.sip.EndReason;
import org.voxgate.sip.InviteDecision;
import org.voxgate.sip.InviteRequest;
import org.voxgate.sip.TransferObserver;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/**
 * Stored bots reached by name over a real H2 store: built once per version, a new version
 * applies to the next call, a call keeps the version it was routed to, and built-in names win.
 */
class StoredBotsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private final List<SkillbaseVersion> builds = new CopyOnWriteArrayList<>();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private StoredBots stored;

    /** A bot that notes which version of which bot a call opened; says nothing. */
    private record NotingBot(String name, String tag, List<String> opened) implements Bot {
        @Override
        public BotSession open(CallContext call) {
            opened.add(tag);
            return () -> { };
        }
    }

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        stored = new StoredBots(store.bots(), v -> {
            builds.add(v);
            return new NotingBot(v.name(), v.name() + " v" + v.version() + " " + v.document().path("greeting").asText(),
                    opened);
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String doc(String name, String greeting) {
        return "{\"name\":\"" + name + "\",\"mode\":\"cascade\",\"greeting\":\"" + greeting + "\"}";
    }

    @Test
    void buildsEachVersionOnceAndANewVersionAppliesToTheNextLookup() {
        store.bots().create("clinic", doc("clinic", "hello"), null, null);

        StoredBots.Resolved first = stored.current("clinic").orElseThrow();
        StoredBots.Resolved again = stored.current("CLINIC").orElseThrow();
        assertThat(first.version()).isEqualTo(1);
        assertThat(again.bot()).isSameAs(first.bot());
        assertThat(builds).hasSize(1);
        assertThat(builds.get(0).document().path("greeting").asText()).isEqualTo("hello");

        store.bots().saveVersion("clinic", doc("clinic", "welcome"), null, null);
        StoredBots.Resolved second = stored.current("clinic").orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.bot()).isNotSameAs(first.bot());
        assertThat(builds).extracting(SkillbaseVersion::version).containsExactly(1, 2);
        assertThat(stored.cached()).isEqualTo(1); // version 1 will not be asked for again

        assertThat(stored.exists("clinic")).isTrue();
        store.bots().delete("clinic");
        assertThat(stored.exists("clinic")).isFalse();
        assertThat(stored.current("clinic")).isEmpty();
        assertThat(stored.current("nobody")).isEmpty();
    }

    @Test
    void aCallRunsAndRecordsTheVersionItWasRoutedToAndBuiltInNamesWin() throws Exception {
        int base = TestPorts.freeUdpRange(4);
        try (RtpMediaEngine media = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3,
                Duration.ofSeconds(30)), Clock.systemUTC()).start();
             CallRecordWriter writer = new CallRecordWriter(store.calls(), dir.resolve("journal"), Clock.systemUTC())) {
            BotCallHandler handler = new BotCallHandler(List.of(new NotingBot("desk", "built-in desk", opened)), "desk",
                    writer, new SimpleMeterRegistry(), Clock.systemUTC(),
                    new CallTransfers("", u -> false, null, Thread.ofVirtual().factory()));
            handler.useStoredBots(stored);
            store.bots().create("clinic", doc("clinic", "hello"), null, null);
            // written behind the API's back: the API would refuse the name
            store.bots().create("desk", doc("desk", "shadow"), null, null);

            assertThat(handler.hasBot("clinic")).isTrue();
            assertThat(handler.builtIn("clinic")).isFalse();
            assertThat(handler.builtIn("desk")).isTrue();
            assertThat(handler.bot("desk").orElseThrow().name()).isEqualTo("desk");
            assertThat(((NotingBot) handler.bot("desk").orElseThrow()).tag()).isEqualTo("built-in desk");

            InviteDecision decision = handler.onInvite(invite("call-1", "clinic"));
            assertThat(decision).isInstanceOfSatisfying(InviteDecision.Accept.class,
                    a -> assertThat(a.bot()).isEqualTo("clinic"));
            writer.flush(Duration.ofSeconds(5));
            assertThat(store.calls().find("call-1").orElseThrow().botVersion()).isEqualTo(1);

            // a new version while call-1 rings: call-1 keeps version 1, the next call gets version 2
            store.bots().saveVersion("clinic", doc("clinic", "welcome"), null, null);
            MediaSession session = media.open("call-1");
            handler.onAnswered(new Answered("call-1", "clinic", session));
            handler.onInvite(invite("call-2", "clinic"));
            MediaSession session2 = media.open("call-2");
            handler.onAnswered(new Answered("call-2", "clinic", session2));
            assertThat(opened).containsExactly("clinic v1 hello", "clinic v2 welcome");

            handler.onEnded(ended("call-1"));
            handler.onEnded(ended("call-2"));
            session.close();
            session2.close();
            writer.flush(Duration.ofSeconds(5));
            assertThat(store.calls().find("call-1").orElseThrow().botVersion()).isEqualTo(1);
            assertThat(store.calls().find("call-2").orElseThrow().botVersion()).isEqualTo(2);
            assertThat(store.calls().find("call-1").orElseThrow().endReason()).isNotNull();

            handler.onInvite(invite("call-3", "desk"));
            writer.flush(Duration.ofSeconds(5));
            assertThat(store.calls().find("call-3").orElseThrow().botVersion()).isNull();
        }
    }

    private static InviteRequest invite(String callId, String dialled) {
        return new InviteRequest(callId, "sip:alice@example.com", "sip:" + dialled + "@voxgate", dialled,
                new InetSocketAddress("127.0.0.1", 5062), "udp", T0, null);
    }

    private static CallSummary ended(String callId) {
        return new CallSummary(callId, "inbound", "sip:alice@example.com", "clinic", "clinic", T0, T0.plusSeconds(1),
                T0.plusSeconds(20), EndReason.CALLER_HANGUP, "PCMU", org.voxgate.sip.CallOutcome.ANSWERED, 200, null);
    }

    private record Answered(String callId, String bot, MediaSession media) implements ActiveCall {
        @Override public String from() { return "sip:alice@example.com"; }
        @Override public String to() { return bot; }
        @Override public void hangup(EndReason reason) { }
        @Override public void refer(String referToUri, TransferObserver observer) { }
    }
}
