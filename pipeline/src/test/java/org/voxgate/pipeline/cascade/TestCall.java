package org.voxgate.pipeline.cascade;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.offline.FakeAudioChannel;
import org.voxgate.pipeline.offline.SteppedClock;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.pipeline.telemetry.TurnObserver;
import org.voxgate.pipeline.telemetry.UsageMeter;

/** A call for the engine tests: the fake audio on a stepped clock, recording turns, timeline and usage. */
final class TestCall implements CallContext {
    record Turn(Speaker speaker, String text, Instant start, Instant end) {}

    record EndedTurn(Map<TurnMark, Long> marks, String callerText, String botText) {}

    final SteppedClock clock = new SteppedClock();
    final FakeAudioChannel audio = new FakeAudioChannel(clock);
    final List<Turn> turns = new CopyOnWriteArrayList<>();
    final List<String> hangups = new CopyOnWriteArrayList<>();
    final List<TransferRequest> transfers = new CopyOnWriteArrayList<>();
    final List<EndedTurn> ended = new ArrayList<>();
    final List<Boolean> interruptions = new ArrayList<>();
    final List<Long> deadAir = new ArrayList<>();
    final List<String> usage = new CopyOnWriteArrayList<>();
    private Map<TurnMark, Long> marks = new EnumMap<>(TurnMark.class);

    private final TurnObserver observer = new TurnObserver() {
        @Override public synchronized void mark(TurnMark mark, long nanos) { marks.putIfAbsent(mark, nanos); }
        @Override public synchronized void turnEnded(String callerText, String botText, long nanos) {
            ended.add(new EndedTurn(marks, callerText, botText));
            marks = new EnumMap<>(TurnMark.class);
        }
        @Override public synchronized void interruption(boolean falseAlarm, long nanos) { interruptions.add(falseAlarm); }
        @Override public synchronized void deadAir(long silentMillis, long nanos) { deadAir.add(silentMillis); }
    };

    private final UsageMeter meter = new UsageMeter() {
        @Override public void speechToText(String vendor, String model, double audioSeconds) {
            usage.add("stt " + vendor + " " + audioSeconds);
        }
        @Override public void languageModel(String vendor, String model, TokenUsage u) {
            usage.add("llm " + vendor + " " + u.inputTextTokens() + "/" + u.outputTextTokens());
        }
        @Override public void textToSpeech(String vendor, String model, long characters) {
            usage.add("tts " + vendor + " " + characters);
        }
        @Override public void realtime(String vendor, String model, TokenUsage u) {}
    };

    /** Marks of the turn in progress. */
    synchronized Map<TurnMark, Long> currentMarks() {
        return Map.copyOf(marks);
    }

    @Override public String callId() { return "cascade-test"; }
    @Override public String caller() { return "alice"; }
    @Override public String callee() { return "1000"; }
    @Override public AudioChannel audio() { return audio; }
    @Override public Clock clock() { return clock; }
    @Override public void hangup(String reason) { hangups.add(reason); }
    @Override public void transfer(TransferRequest request) { transfers.add(request); }
    @Override public void recordTurn(Speaker speaker, String text, Instant start, Instant end) {
        turns.add(new Turn(speaker, text, start, end));
    }
    @Override public TurnObserver turnObserver() { return observer; }
    @Override public UsageMeter usage() { return meter; }
}
