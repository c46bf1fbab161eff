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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.voxgate.pipeline.prompt.PromptBuilder;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.CallSummary;
import org.voxgate.sip.EndReason;
import org.voxgate.sip.TransferObserver;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/**
 * A skillbase bot's per-call rules through the call handler: its calls end at maxCallSeconds on
 * the injected clock (reason max_duration), are recorded when it asks, and see its handoff.
 */
class BotCallHandlerRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private RtpMediaEngine media;
    private Store store;
    private CallRecordWriter writer;
    private final StepClock clock = new StepClock();

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private volatile Instant now = T0;

        void advance(Duration d) { now = now.plus(d); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** A bot that keeps the call context it was opened with and does nothing on the call. */
    private static final class QuietBot implements Bot {
        final List<CallContext> opened = new CopyOnWriteArrayList<>();

        @Override public String name() { return "desk"; }

        @Override
        public BotSession open(CallContext call) {
            opened.add(call);
            return () -> { };
        }
    }

    /** The SIP layer's view of an answered call to {@code desk}; keeps the reasons it was hung up with. */
    private record Answered(String callId, MediaSession media, List<EndReason> hangups) implements ActiveCall {
        @Override public String from() { return "sip:alice@example.com"; }
        @Override public String to() { return "desk"; }
        @Override public String bot() { return "desk"; }
        @Override public void hangup(EndReason reason) { hangups.add(reason); }
        @Override public void refer(String referToUri, TransferObserver observer) { }
    }

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
    }

    private BotCallHandler handler(Bot bot, CallRecordings recordings) {
        BotCallHandler handler = new BotCallHandler(List.of(bot), "desk", writer, new SimpleMeterRegistry(), clock,
                new CallTransfers("", u -> false, null, Thread.ofVirtual().factory()));
        handler.useRecordings(recordings);
        return handler;
    }

    private CallRecordings recordingsOff() {
        return new CallRecordings(new RecordingConfig(false, Set.of(), dir.resolve("rec"), Duration.ofDays(1)),
                Thread.ofVirtual().factory());
    }

    private Answered answer(BotCallHandler handler, String callId) throws Exception {
        writer.callUpdated(new CallRecord(callId, "inbound", "sip:alice@example.com", "desk", "desk", T0, null, null,
                null, null, List.of()));
        Answered call = new Answered(callId, media.open(callId), new CopyOnWriteArrayList<>());
        handler.onAnswered(call);
        return call;
    }

    private void end(BotCallHandler handler, Answered call, EndReason reason) {
        handler.onEnded(new CallSummary(call.callId(), "inbound", "sip:alice@example.com", "desk", "desk", T0,
                T0, clock.instant(), reason, "PCMU", org.voxgate.sip.CallOutcome.ANSWERED, 200, null));
        call.media().close();
    }

    @Test
    void aCallEndsWithMaxDurationOnceItsBotsLimitHasPassed() throws Exception {
        QuietBot inner = new QuietBot();
        BotCallHandler handler = handler(new SkillbaseBot(inner, 4, new CallRules(Duration.ofSeconds(120), false),
                new Handoff("sip:desk@pbx.example", true), PromptBuilder.house()), recordingsOff());
        Answered call = answer(handler, "limit-1");
        assertThat(inner.opened.getFirst()).isInstanceOf(HandoffCallContext.class);

        clock.advance(Duration.ofSeconds(119));
        assertThat(handler.endOverdueCalls()).isZero();
        assertThat(call.hangups()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(handler.endOverdueCalls()).isEqualTo(1);
        assertThat(call.hangups()).containsExactly(EndReason.MAX_DURATION);
        end(handler, call, EndReason.MAX_DURATION);
        clock.advance(Duration.ofSeconds(600));
        assertThat(handler.endOverdueCalls()).isZero();
    }

    @Test
    void aCallThatEndsFirstIsNotEndedLaterAndABotWithoutRulesHasNoLimit() throws Exception {
        BotCallHandler limited = handler(new SkillbaseBot(new QuietBot(), 1, new CallRules(Duration.ofSeconds(60), false),
                Handoff.OPERATOR, PromptBuilder.house()), recordingsOff());
        Answered early = answer(limited, "early-1");
        end(limited, early, EndReason.CALLER_HANGUP);
        clock.advance(Duration.ofSeconds(61));
        assertThat(limited.endOverdueCalls()).isZero();
        assertThat(early.hangups()).isEmpty();

        BotCallHandler plain = handler(new QuietBot(), recordingsOff());
        Answered call = answer(plain, "plain-1");
        clock.advance(Duration.ofDays(1));
        assertThat(plain.endOverdueCalls()).isZero();
        end(plain, call, EndReason.CALLER_HANGUP);
    }

    @Test
    void aBotThatAsksForRecordingIsRecordedWhenTheNodeRecordsNothing() throws Exception {
        CallRecordings recordings = recordingsOff();
        BotCallHandler asks = handler(new SkillbaseBot(new QuietBot(), 1, new CallRules(null, true), Handoff.OPERATOR, PromptBuilder.house()),
                recordings);
        Answered call = answer(asks, "rec-1");
        assertThat(recordings.inProgress("rec-1")).isTrue();
        end(asks, call, EndReason.CALLER_HANGUP);
        assertThat(recordings.finished("rec-1")).isPresent();

        CallRecordings others = recordingsOff();
        BotCallHandler silent = handler(new SkillbaseBot(new QuietBot(), 1, new CallRules(null, false), Handoff.OPERATOR, PromptBuilder.house()),
                others);
        Answered quiet = answer(silent, "rec-2");
        assertThat(others.inProgress("rec-2")).isFalse();
        end(silent, quiet, EndReason.CALLER_HANGUP);
        assertThat(others.finished("rec-2")).isEmpty();
    }
}
