package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.admin.CallRefusedException;
import org.voxgate.media.MediaConfig;
import org.voxgate.media.MediaSession;
import org.voxgate.media.RtpMediaEngine;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.EndReason;
import org.voxgate.sip.TransferObserver;
import org.voxgate.store.CallAnalysis;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.CallerProfileRepository;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/**
 * Through the call handler: a bot opened on an answered call sees its caller's context, and an
 * API transfer of a call finds the bot's call (404 for others, 409 when it fails at once).
 */
class BotCallHandlerCallerContextTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private RtpMediaEngine media;
    private Store store;
    private CallRecordWriter writer;
    private BotCallHandler handler;
    private final AtomicReference<String> seen = new AtomicReference<>();

    /** A bot that notes what it was told about the caller. */
    private final class ListeningBot implements Bot {
        @Override public String name() { return "desk"; }

        @Override
        public BotSession open(CallContext call) {
            seen.set(call.callerContext());
            return () -> { };
        }
    }

    @BeforeEach
    void open() throws Exception {
        int base = TestPorts.freeUdpRange(4);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        media = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 3, Duration.ofSeconds(30)),
                Clock.systemUTC()).start();
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        writer = new CallRecordWriter(store.calls(), dir.resolve("journal"), Clock.systemUTC());
        handler = new BotCallHandler(List.of(new ListeningBot()), "desk", writer, new SimpleMeterRegistry(), clock,
                new CallTransfers("", u -> false, null, Thread.ofVirtual().factory()));
        CallerProfileRepository profiles = new CallerProfileRepository(store.dataSource());
        handler.useCallerContexts(new CallerContexts(profiles, "US", clock));
        store.calls().upsert(new CallRecord("earlier", "inbound", "+14155550123", "desk", "desk",
                Instant.parse("2026-11-21T09:00:00Z"), null, Instant.parse("2026-11-21T09:05:00Z"), "bye", "PCMU",
                List.of(), "ANSWERED", null, 200, null, new CallAnalysis("TRANSFERRED", BigDecimal.ZERO, List.of(),
                        null, null, null, null, 0, 0, 0, List.of()), null));
        profiles.put("+14155550123", "Ann", null, List.of("vip"), NOW);
    }

    @AfterEach
    void close() {
        writer.close();
        store.close();
        media.close();
    }

    @Test
    void theBotIsToldAboutTheCallerAndTransfersFindItsCall() throws Exception {
        MediaSession session = media.open("now");
        handler.onAnswered(new Answered("now", "4155550123", session));
        assertThat(seen.get()).isEqualTo("This caller has called once in the last 7 days (1 in all); the last call,"
                + " on 21 November, ended TRANSFERRED. Name: Ann. Tags: vip.");

        assertThatThrownBy(() -> handler.transfer("other", "sip:desk@pbx.example", false))
                .isInstanceOfSatisfying(CallRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.field()).isEqualTo("id");
                });
        // no operator configured and "nobody" is no URI, user or number: it fails at once
        assertThatThrownBy(() -> handler.transfer("now", "nobody", false))
                .isInstanceOfSatisfying(CallRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.field()).isEqualTo("target");
                });
        assertThatThrownBy(() -> handler.transfer("now", null, true))
                .isInstanceOfSatisfying(CallRefusedException.class, e -> assertThat(e.getMessage())
                        .contains("no operator configured"));
        session.close();
    }

    /** The SIP layer's view of an answered inbound call to the bot {@code desk}. */
    private record Answered(String callId, String from, MediaSession media) implements ActiveCall {
        @Override public String to() { return "desk"; }
        @Override public String bot() { return "desk"; }
        @Override public void hangup(EndReason reason) { }
        @Override public void refer(String referToUri, TransferObserver observer) { }
    }
}
