package org.voxgate.pipeline.cascade;

import java.time.Instant;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.CallContext.Speaker;
import org.voxgate.pipeline.telemetry.TurnObserver;

/**
 * Records the conversation's turns on the call ({@link CallContext#recordTurn}, with wall-clock
 * instants derived from the engine's nanosecond timeline) and closes each turn of the timeline
 * ({@link TurnObserver#turnEnded}).
 *
 * <p>Threading: not thread-safe; owned by the call's engine.
 */
final class TurnLog {
    private final CallContext call;
    private final TurnObserver observer;
    private final long baseNanos;
    private final Instant baseInstant;

    /** @param nowNanos the engine's time now, matched to the call clock's instant now */
    TurnLog(CallContext call, long nowNanos) {
        this.call = call;
        this.observer = call.turnObserver();
        this.baseNanos = nowNanos;
        this.baseInstant = call.clock().instant();
    }

    void caller(String text, long startNanos, long endNanos) {
        call.recordTurn(Speaker.CALLER, text, at(startNanos), at(endNanos));
    }

    /** The bot's reply {@code r} ended at {@code nanos}, the caller having heard {@code botText}. */
    void bot(BotReply r, String botText, long nanos) {
        if (!botText.isEmpty()) {
            long start = r.firstAudioNanos >= 0 ? r.firstAudioNanos : r.startNanos;
            call.recordTurn(Speaker.BOT, botText, at(start), at(nanos));
        }
        observer.turnEnded(r.callerText, botText, nanos);
    }

    private Instant at(long nanos) {
        return baseInstant.plusNanos(nanos - baseNanos);
    }
}
