package org.voxgate.pipeline.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.offline.FakeAudioChannel;
import org.voxgate.pipeline.offline.SteppedClock;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.pipeline.telemetry.TurnObserver;
import org.voxgate.pipeline.telemetry.UsageMeter;

/** Test scaffolding: a call that records turns, hang-ups, the turn timeline and realtime usage. */
final class RealtimeTestCall implements CallContext {
    record Turn(Speaker speaker, String text) {}

    final SteppedClock clock = new SteppedClock();
    final FakeAudioChannel audio = new FakeAudioChannel(clock);
    final List<Turn> turns = new CopyOnWriteArrayList<>();
    final List<String> hangups = new CopyOnWriteArrayList<>();
    final List<TurnMark> marks = new CopyOnWriteArrayList<>();
    /** When each mark was last made, clock nanos. */
    final java.util.Map<TurnMark, Long> markNanos = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> turnsEnded = new CopyOnWriteArrayList<>();
    final List<Boolean> interruptions = new CopyOnWriteArrayList<>();
    final List<TokenUsage> usage = new CopyOnWriteArrayList<>();
    final List<String> usageKeys = new CopyOnWriteArrayList<>();
    /** What the call knows about its caller (empty: a first-time caller). */
    volatile String callerContext = "";

    private final TurnObserver observer = new TurnObserver() {
        @Override public void mark(TurnMark mark, long nanos) {
            marks.add(mark);
            markNanos.put(mark, nanos);
        }
        @Override public void turnEnded(String callerText, String botText, long nanos) { turnsEnded.add(botText); }
        @Override public void interruption(boolean falseAlarm, long nanos) { interruptions.add(falseAlarm); }
        @Override public void deadAir(long silentMillis, long nanos) { }
    };

    private final UsageMeter meter = new UsageMeter() {
        @Override public void speechToText(String vendor, String model, double audioSeconds) { }
        @Override public void languageModel(String vendor, String model, TokenUsage u) { }
        @Override public void textToSpeech(String vendor, String model, long characters) { }
        @Override public void realtime(String vendor, String model, TokenUsage u) {
            usageKeys.add(vendor + "/" + model);
            usage.add(u);
        }
    };

    @Override public String callId() { return "rt-call-1"; }
    @Override public String caller() { return "alice"; }
    @Override public String callee() { return "1000"; }
    @Override public AudioChannel audio() { return audio; }
    @Override public Clock clock() { return clock; }
    @Override public void hangup(String reason) { hangups.add(reason); }
    @Override public void transfer(TransferRequest request) { }
    @Override public void recordTurn(Speaker speaker, String text, Instant start, Instant end) {
        turns.add(new Turn(speaker, text));
    }
    @Override public TurnObserver turnObserver() { return observer; }
    @Override public UsageMeter usage() { return meter; }

    /** The caller speaks: {@code speechMillis} of a loud 300 Hz tone, then {@code silenceMillis} of silence. */
    void say(int speechMillis, int silenceMillis) {
        AudioProbe.Tone tone = new AudioProbe.Tone(300);
        for (int i = 0; i < speechMillis / 20; i++) {
            audio.sendFrame(tone.next(AudioChannel.FRAME_SAMPLES));
        }
        for (int i = 0; i < silenceMillis / 20; i++) {
            audio.sendFrame(new short[AudioChannel.FRAME_SAMPLES]);
        }
    }

    /** Everything the bot handed to the channel, in order. */
    short[] played() {
        int n = audio.playCount();
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += audio.played(i).length;
        }
        short[] all = new short[total];
        int at = 0;
        for (int i = 0; i < n; i++) {
            short[] piece = audio.played(i);
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
        }
        return all;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public String callerContext() {
        return callerContext;
    }
}
