package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.pipeline.cost.PricingTable;
import org.voxgate.pipeline.outcome.CallOutcome;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.sip.CallSummary;
import org.voxgate.sip.EndReason;
import org.voxgate.store.CallAnalysis;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;
import org.voxgate.store.TurnMetricsRecord;

/** The end-of-call path: a call's telemetry becomes its stored analysis and its Prometheus figures. */
class CallTelemetryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConversationMetrics metrics = new ConversationMetrics(registry);
    private Store store;
    private CallRecordWriter writer;

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        writer = new CallRecordWriter(store.calls(), dir.resolve("journal"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        writer.close();
        store.close();
        registry.close();
    }

    private static CallSummary summary(String id, EndReason reason, org.voxgate.sip.CallOutcome setup, Integer status,
            boolean answered) {
        return new CallSummary(id, "outbound", "sip:bot@voxgate.test", "sip:bob@example.com", "receptionist", T0,
                answered ? T0.plusSeconds(2) : null, T0.plusSeconds(40), reason, answered ? "PCMU" : null, setup,
                status, null);
    }

    @Test
    void aBotsCallIsStoredWithItsOutcomeCostTurnsAndMetrics() {
        CallTelemetry telemetry = new CallTelemetry(Clock.fixed(T0, ZoneOffset.UTC), PricingTable.defaults(), metrics);
        long base = System.nanoTime();
        var turns = telemetry.turns();
        turns.mark(TurnMark.USER_SPEECH_START, base + 1_000_000_000L);
        turns.mark(TurnMark.USER_SPEECH_END, base + 2_000_000_000L);
        turns.mark(TurnMark.END_OF_TURN, base + 2_700_000_000L);
        turns.mark(TurnMark.STT_FINAL, base + 2_750_000_000L);
        turns.mark(TurnMark.LLM_FIRST_TOKEN, base + 3_100_000_000L);
        turns.mark(TurnMark.TTS_FIRST_BYTE, base + 3_300_000_000L);
        turns.mark(TurnMark.FIRST_BOT_AUDIO, base + 3_320_000_000L);
        turns.interruption(true, base + 3_500_000_000L);
        turns.turnEnded("book me in", "sure", base + 4_000_000_000L);
        turns.interruption(false, base + 5_000_000_000L);
        turns.deadAir(4_000, base + 9_000_000_000L);
        turns.mark(TurnMark.USER_SPEECH_START, base + 9_500_000_000L); // the caller hangs up mid-turn
        telemetry.cost().speechToText("deepgram", "nova-3", 30);
        telemetry.cost().languageModel("openai", "gpt-4o-mini", TokenUsage.text(1_000, 0, 100));
        telemetry.cost().textToSpeech("acme", "voice-1", 20);
        telemetry.botHungUp("voicemail");
        telemetry.botHungUp("bot_hangup");

        CallTelemetry.Ending ending = telemetry.end(summary("t-1", EndReason.BOT_HANGUP,
                org.voxgate.sip.CallOutcome.ANSWERED, 200, true));
        metrics.callEnded(ending.outcome(), ending.latency(), ending.cost());
        writer.callUpdated(new CallRecord("t-1", "outbound", "sip:bot@voxgate.test", "sip:bob@example.com",
                "receptionist", T0, T0.plusSeconds(2), T0.plusSeconds(40), "bot_hangup", "PCMU", List.of(), "ANSWERED",
                null, 200, null, ending.analysis(), null));
        assertThat(writer.flush(Duration.ofSeconds(20))).isTrue();

        CallAnalysis stored = store.calls().find("t-1").orElseThrow().analysis();
        assertThat(stored.outcome()).isEqualTo("VOICEMAIL");
        // 0.5 min x 0.0048 + 1000 x 0.15/1M + 100 x 0.60/1M = 0.0024 + 0.00015 + 0.00006
        assertThat(stored.costTotal()).isEqualByComparingTo("0.00261");
        assertThat(stored.costLines()).hasSize(4).filteredOn(l -> !l.priced()).singleElement()
                .satisfies(l -> assertThat(l.vendor()).isEqualTo("acme"));
        assertThat(stored.voiceToVoiceP95Ms()).isEqualTo(1_320L);
        assertThat(stored.interruptions()).isEqualTo(2);
        assertThat(stored.falseInterruptions()).isEqualTo(1);
        assertThat(stored.deadAirCount()).isEqualTo(1);
        assertThat(stored.turns()).hasSize(2);
        assertThat(stored.turns().get(1).userSpeechStartAt()).isNotNull();
        assertThat(stored.turns().get(1).voiceToVoiceMs()).isNull();
        TurnMetricsRecord turn = stored.turns().getFirst();
        assertThat(turn.endpointingMs() + turn.sttMs() + turn.llmMs() + turn.ttsMs() + turn.sendMs())
                .isEqualTo(turn.voiceToVoiceMs()).isEqualTo(1_320L);
        assertThat(turn.callerText()).isEqualTo("book me in");
        // anchored on the clock when the telemetry was made, just before base
        assertThat(turn.userSpeechEndAt()).isBetween(T0.plusSeconds(2), T0.plusSeconds(3));

        String scrape = registry.scrape();
        assertThat(scrape).contains("voxgate_turn_voice_to_voice_seconds_count 1\n")
                .contains("voxgate_turn_part_seconds_bucket{part=\"endpointing\"")
                .contains("voxgate_turn_part_seconds_count{part=\"send\"} 1\n")
                .contains("voxgate_turn_interruptions_total{kind=\"real\"} 1.0")
                .contains("voxgate_turn_interruptions_total{kind=\"false\"} 1.0")
                .contains("voxgate_dead_air_total 1.0")
                .contains("voxgate_calls_by_outcome_total{outcome=\"voicemail\"} 1.0")
                .contains("voxgate_call_cost_usd_total{component=\"stt\"} 0.0024");
    }

    @Test
    void callsThatNeverHadABotAreClassifiedAndWrittenByTheHandler() {
        BotCallHandler handler = new BotCallHandler(List.of(new org.voxgate.pipeline.Bot() {
            @Override public String name() { return "receptionist"; }
            @Override public org.voxgate.pipeline.BotSession open(org.voxgate.pipeline.CallContext call) {
                throw new AssertionError("no call is answered here");
            }
        }), "receptionist", writer, registry, Clock.systemUTC(), new CallTransfers("", u -> false, null,
                Thread.ofVirtual().factory()));

        handler.onEnded(summary("busy-1", EndReason.NOT_ANSWERED, org.voxgate.sip.CallOutcome.BUSY, 486, false));
        handler.onEnded(summary("na-1", EndReason.NOT_ANSWERED, org.voxgate.sip.CallOutcome.NO_ANSWER, null, false));
        assertThat(writer.flush(Duration.ofSeconds(20))).isTrue();

        CallRecord busy = store.calls().find("busy-1").orElseThrow();
        assertThat(busy.outcome()).isEqualTo("BUSY");
        assertThat(busy.analysis().outcome()).isEqualTo(CallOutcome.BUSY.name());
        assertThat(busy.analysis().costTotal()).isZero();
        assertThat(busy.analysis().voiceToVoiceAvgMs()).isNull();
        assertThat(store.calls().find("na-1").orElseThrow().analysis().outcome()).isEqualTo("NO_ANSWER");
        assertThat(registry.scrape()).contains("voxgate_calls_by_outcome_total{outcome=\"busy\"} 1.0");
    }
}
