package org.voxgate.pipeline.telemetry;

/**
 * Receives the timeline of a call's turns from its conversation engine. Times are
 * {@link System#nanoTime()}-style nanoseconds from the engine's clock source.
 *
 * <p>Threading: called from the call's engine and provider threads; implementations are
 * thread-safe and never block.
 */
public interface TurnObserver {
    /** A moment of the current turn. A mark seen twice in one turn keeps its first time. */
    void mark(TurnMark mark, long nanos);

    /**
     * The current turn is complete (the bot's reply was played, cut off or never came); the next
     * mark starts a new one.
     *
     * @param callerText what the caller said (may be empty)
     * @param botText what the bot said (may be empty)
     */
    void turnEnded(String callerText, String botText, long nanos);

    /**
     * The caller spoke over the bot.
     *
     * @param falseAlarm {@code true} when it turned out not to be a real interruption (noise, a
     *     cough, a backchannel) and the bot resumed
     */
    void interruption(boolean falseAlarm, long nanos);

    /** The bot had nothing to say for {@code silentMillis} while the caller was waiting for it. */
    void deadAir(long silentMillis, long nanos);

    /** Discards everything. */
    TurnObserver NONE = new TurnObserver() {
        @Override public void mark(TurnMark mark, long nanos) {}
        @Override public void turnEnded(String callerText, String botText, long nanos) {}
        @Override public void interruption(boolean falseAlarm, long nanos) {}
        @Override public void deadAir(long silentMillis, long nanos) {}
    };
}
