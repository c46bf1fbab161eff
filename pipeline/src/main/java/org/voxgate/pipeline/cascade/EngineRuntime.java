package org.voxgate.pipeline.cascade;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.voxgate.pipeline.turn.VoiceDetector;
import org.voxgate.pipeline.turn.WebRtcVoiceDetector;

/**
 * Where a cascade bot's sessions run: the executor for their frame loops and tool calls, the
 * nanosecond time source of their turn timeline (the media pacer's {@link System#nanoTime()} in
 * production, a stepped one in tests) and how each call gets its voice detector.
 *
 * @param executor runs frame-loop drains and tool calls; must not run tasks on the caller's
 *     thread in production (media and provider threads offer frames)
 * @param nanoTime the engine's clock for turn marks; must match the media's playback times
 * @param voiceDetectors a new detector per call for a VAD mode 0-3
 * @param stopWait how long a session's stop waits for its engine to close the provider streams
 *     (their closing usage is metered by then); zero for no wait, as with an executor a test
 *     runs by hand after the stop
 */
public record EngineRuntime(Executor executor, LongSupplier nanoTime, IntFunction<VoiceDetector> voiceDetectors,
        java.time.Duration stopWait) {
    public EngineRuntime {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(voiceDetectors, "voiceDetectors");
        Objects.requireNonNull(stopWait, "stopWait");
    }

    /** A runtime whose sessions' stop does not wait. */
    public EngineRuntime(Executor executor, LongSupplier nanoTime, IntFunction<VoiceDetector> voiceDetectors) {
        this(executor, nanoTime, voiceDetectors, java.time.Duration.ZERO);
    }

    /** A virtual thread per task, {@link System#nanoTime()}, the WebRTC VAD, a stop that waits up to 2 s. */
    public static EngineRuntime standard() {
        ThreadFactory threads = Thread.ofVirtual().name("cascade-", 0).factory();
        return new EngineRuntime(task -> threads.newThread(task).start(), System::nanoTime,
                WebRtcVoiceDetector::new, java.time.Duration.ofSeconds(2));
    }
}
