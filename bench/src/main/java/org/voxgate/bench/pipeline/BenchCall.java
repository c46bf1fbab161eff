package org.voxgate.bench.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.pipeline.telemetry.TurnObserver;

/**
 * The one call the probe runs the bot on: the media session (through {@link TimedAudioChannel}),
 * the system clock, and a turn observer that keeps the marks of the turn in progress so the probe
 * can split each figure into its parts. Hang-ups and transfers are counted, not acted on.
 *
 * <p>Threading: thread-safe; the bot's threads call in, the probe reads.
 */
final class BenchCall implements CallContext {
    private final TimedAudioChannel audio;
    private final Map<TurnMark, Long> marks = new ConcurrentHashMap<>();
    private final AtomicInteger interruptions = new AtomicInteger();
    private final AtomicInteger falseInterruptions = new AtomicInteger();

    private final TurnObserver observer = new TurnObserver() {
        @Override public void mark(TurnMark mark, long nanos) { marks.putIfAbsent(mark, nanos); }
        @Override public void turnEnded(String callerText, String botText, long nanos) { }
        @Override public void interruption(boolean falseAlarm, long nanos) {
            (falseAlarm ? falseInterruptions : interruptions).incrementAndGet();
        }
        @Override public void deadAir(long silentMillis, long nanos) { }
    };

    BenchCall(TimedAudioChannel audio) {
        this.audio = audio;
    }

    /** Forgets the marks so far (before the next measured turn). */
    void clearMarks() {
        marks.clear();
    }

    /** The mark's time in the turn since {@link #clearMarks}, or -1. */
    long mark(TurnMark mark) {
        return marks.getOrDefault(mark, -1L);
    }

    int interruptions() {
        return interruptions.get();
    }

    int falseInterruptions() {
        return falseInterruptions.get();
    }

    @Override public String callId() { return "bench-pipeline"; }
    @Override public String caller() { return "caller"; }
    @Override public String callee() { return "bench"; }
    @Override public AudioChannel audio() { return audio; }
    @Override public Clock clock() { return Clock.systemUTC(); }
    @Override public void hangup(String reason) { System.err.println("bench: the bot hung up: " + reason); }
    @Override public void transfer(TransferRequest request) { request.listener().onTransferFailed("no transfers here"); }
    @Override public void recordTurn(Speaker speaker, String text, Instant start, Instant end) { }
    @Override public TurnObserver turnObserver() { return observer; }
}
