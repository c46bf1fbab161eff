package org.voxgate.pipeline.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TurnRecorderTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final long BASE = 5_000_000_000L; // an arbitrary nanoTime origin
    private final AtomicLong nanos = new AtomicLong(BASE);
    private final List<TurnMetrics> exported = new ArrayList<>();
    private final TurnRecorder recorder = new TurnRecorder(Clock.fixed(T0, ZoneOffset.UTC), nanos::get,
            exported::add, d -> { });

    /** Nanoseconds at {@code ms} (plus {@code extraNanos}) after the anchor. */
    private static long at(long ms, long extraNanos) {
        return BASE + ms * 1_000_000L + extraNanos;
    }

    @Test
    void cascadeTurnPartsAddUpToVoiceToVoice() {
        recorder.mark(TurnMark.USER_SPEECH_START, at(1_000, 0));
        recorder.mark(TurnMark.USER_SPEECH_END, at(2_000, 300_000));
        recorder.mark(TurnMark.END_OF_TURN, at(2_500, 900_000));
        recorder.mark(TurnMark.STT_FINAL, at(2_620, 100_000));
        recorder.mark(TurnMark.LLM_FIRST_TOKEN, at(2_900, 700_000));
        recorder.mark(TurnMark.LLM_DONE, at(3_400, 0));
        recorder.mark(TurnMark.TTS_FIRST_BYTE, at(3_100, 50_000));
        recorder.mark(TurnMark.FIRST_BOT_AUDIO, at(3_130, 999_999));
        recorder.turnEnded("hello", "hi there", at(4_000, 0));

        TurnMetrics t = recorder.turns().getFirst();
        assertThat(t.seq()).isEqualTo(1);
        assertThat(t.voiceToVoiceMs()).isEqualTo(1_130L); // 3130.999999 - 2000.3 = 1130.699999
        assertThat(t.part(TurnPart.ENDPOINTING)).isEqualTo(500L); // offsets 500.6 -> 500
        assertThat(t.part(TurnPart.STT)).isEqualTo(119L);         // 619.8 -> 619
        assertThat(t.part(TurnPart.LLM)).isEqualTo(281L);         // 900.4 -> 900
        assertThat(t.part(TurnPart.TTS)).isEqualTo(199L);         // 1099.75 -> 1099
        assertThat(t.part(TurnPart.SEND)).isEqualTo(31L);         // 1130.699999 -> 1130
        assertThat(t.parts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(t.voiceToVoiceMs());
        assertThat(t.mark(TurnMark.USER_SPEECH_START)).isEqualTo(T0.plusMillis(1_000));
        assertThat(t.mark(TurnMark.USER_SPEECH_END)).isEqualTo(T0.plusNanos(2_000_300_000L));
        assertThat(t.endedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(t.callerText()).isEqualTo("hello");
        assertThat(t.botText()).isEqualTo("hi there");
        assertThat(exported).containsExactly(t);
    }

    @Test
    void missingMarksFoldIntoTheNextPart() {
        // realtime: no STT final, no TTS first byte
        recorder.mark(TurnMark.USER_SPEECH_END, at(0, 0));
        recorder.mark(TurnMark.END_OF_TURN, at(200, 0));
        recorder.mark(TurnMark.LLM_FIRST_TOKEN, at(650, 0));
        recorder.mark(TurnMark.FIRST_BOT_AUDIO, at(700, 0));
        recorder.turnEnded("", "", at(900, 0));

        TurnMetrics t = recorder.turns().getFirst();
        assertThat(t.part(TurnPart.ENDPOINTING)).isEqualTo(200L);
        assertThat(t.part(TurnPart.STT)).isNull();
        assertThat(t.part(TurnPart.LLM)).isEqualTo(450L);
        assertThat(t.part(TurnPart.TTS)).isNull();
        assertThat(t.part(TurnPart.SEND)).isEqualTo(50L);
        assertThat(t.voiceToVoiceMs()).isEqualTo(700L);
    }

    @Test
    void finalTranscriptBeforeTheEndOfTurnGivesANegativeSttPartAndTheSameTotal() {
        recorder.mark(TurnMark.USER_SPEECH_END, at(0, 0));
        recorder.mark(TurnMark.STT_FINAL, at(150, 0));
        recorder.mark(TurnMark.END_OF_TURN, at(300, 0));
        recorder.mark(TurnMark.LLM_FIRST_TOKEN, at(400, 0));
        recorder.mark(TurnMark.TTS_FIRST_BYTE, at(500, 0));
        recorder.mark(TurnMark.FIRST_BOT_AUDIO, at(520, 0));
        recorder.turnEnded("x", "y", at(600, 0));

        TurnMetrics t = recorder.turns().getFirst();
        assertThat(t.part(TurnPart.ENDPOINTING)).isEqualTo(300L);
        assertThat(t.part(TurnPart.STT)).isEqualTo(-150L);
        assertThat(t.part(TurnPart.LLM)).isEqualTo(250L);
        assertThat(t.parts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(520L);
        assertThat(t.voiceToVoiceMs()).isEqualTo(520L);
    }

    @Test
    void firstMarkWinsAndATurnWithoutSpeechEndHasNoParts() {
        recorder.mark(TurnMark.FIRST_BOT_AUDIO, at(100, 0)); // a greeting: the bot speaks first
        recorder.mark(TurnMark.FIRST_BOT_AUDIO, at(900, 0));
        recorder.turnEnded("", "Welcome", at(1_000, 0));

        TurnMetrics t = recorder.turns().getFirst();
        assertThat(t.mark(TurnMark.FIRST_BOT_AUDIO)).isEqualTo(T0.plusMillis(100));
        assertThat(t.parts()).isEmpty();
        assertThat(t.voiceToVoiceMs()).isNull();
    }

    @Test
    void interruptionsAreCountedPerTurnAndPerCall() {
        recorder.mark(TurnMark.USER_SPEECH_END, at(0, 0));
        recorder.interruption(true, at(10, 0));
        recorder.interruption(false, at(20, 0));
        recorder.turnEnded("a", "b", at(30, 0));
        recorder.mark(TurnMark.USER_SPEECH_END, at(40, 0));
        recorder.interruption(true, at(50, 0));
        recorder.turnEnded("c", "d", at(60, 0));
        recorder.interruption(false, at(70, 0)); // in a turn not finished yet

        List<TurnMetrics> turns = recorder.turns();
        assertThat(turns.get(0).interruptions()).isEqualTo(2);
        assertThat(turns.get(0).falseInterruptions()).isEqualTo(1);
        assertThat(turns.get(0).interrupted()).isTrue();
        assertThat(turns.get(1).interruptions()).isEqualTo(1);
        assertThat(turns.get(1).interrupted()).isFalse();
        CallLatencySummary s = recorder.summary();
        assertThat(s.interruptions()).isEqualTo(4);
        assertThat(s.falseInterruptions()).isEqualTo(2);
    }

    @Test
    void emptyTurnEndsAreIgnoredAndDeadAirIsKept() {
        recorder.turnEnded("", null, at(5, 0));
        recorder.deadAir(4_000, at(8_000, 0));

        assertThat(recorder.turns()).isEmpty();
        assertThat(recorder.deadAirEvents()).containsExactly(new DeadAirEvent(T0.plusSeconds(8), 4_000));
        assertThat(recorder.summary().deadAir()).isEqualTo(1);
    }

    @Test
    void summaryAggregatesMinAvgMaxAndNearestRankP95() {
        // 20 turns with voice-to-voice 100, 200, ..., 2000 ms; endpointing always 50 ms
        for (int i = 1; i <= 20; i++) {
            long start = i * 10_000L;
            recorder.mark(TurnMark.USER_SPEECH_END, at(start, 0));
            recorder.mark(TurnMark.END_OF_TURN, at(start + 50, 0));
            recorder.mark(TurnMark.FIRST_BOT_AUDIO, at(start + i * 100L, 0));
            recorder.turnEnded("q" + i, "a" + i, at(start + 5_000, 0));
        }
        recorder.turnEnded("only words", "", at(300_000, 0)); // measured nothing

        CallLatencySummary s = recorder.summary();
        assertThat(s.turns()).isEqualTo(21);
        assertThat(s.voiceToVoice()).isEqualTo(new LatencyStats(20, 100, 1_050.0, 2_000, 1_900));
        assertThat(s.part(TurnPart.ENDPOINTING)).isEqualTo(new LatencyStats(20, 50, 50.0, 50, 50));
        assertThat(s.part(TurnPart.SEND).minMs()).isEqualTo(50);
        assertThat(s.part(TurnPart.STT)).isEqualTo(LatencyStats.EMPTY);
    }

    @Test
    void p95OfFewValuesIsTheLargest() {
        assertThat(LatencyStats.of(List.of(30L, 10L, 20L))).isEqualTo(new LatencyStats(3, 10, 20.0, 30, 30));
        assertThat(LatencyStats.of(List.of())).isEqualTo(LatencyStats.EMPTY);
    }
}
