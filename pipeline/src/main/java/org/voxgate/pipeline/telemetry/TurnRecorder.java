package org.voxgate.pipeline.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Collects one call's turn timeline and turns it into {@link TurnMetrics} per turn and a
 * {@link CallLatencySummary} for the call.
 *
 * <p>Absolute times: at construction the recorder reads the wall clock and the nanosecond
 * source once; a mark at {@code n} nanoseconds is placed at that instant plus {@code n} minus
 * that nanosecond reading, so wall-clock steps during the call do not distort the figures.
 *
 * <p>Threading: one recorder per call; every method is thread-safe (one short lock, no I/O).
 * The listener given at construction is called with each finished turn after the lock is
 * released, on the thread that ended the turn; it must not block.
 */
public final class TurnRecorder implements TurnObserver {

    private final Instant anchorInstant;
    private final long anchorNanos;
    private final Consumer<TurnMetrics> onTurn;
    private final Consumer<DeadAirEvent> onDeadAir;

    private final Map<TurnMark, Long> current = new EnumMap<>(TurnMark.class);
    private final List<TurnMetrics> turns = new ArrayList<>();
    private final List<DeadAirEvent> deadAir = new ArrayList<>();
    private int turnInterruptions;
    private int turnFalseInterruptions;
    private int interruptions;
    private int falseInterruptions;

    /** A recorder whose listeners ignore everything. */
    public TurnRecorder(Clock clock, LongSupplier nanoTime) {
        this(clock, nanoTime, t -> { }, d -> { });
    }

    /**
     * @param clock wall clock, read once to anchor the nanosecond times
     * @param nanoTime the nanosecond source the engines use (normally {@link System#nanoTime})
     * @param onTurn told of each finished turn (metrics export)
     * @param onDeadAir told of each dead-air event
     */
    public TurnRecorder(Clock clock, LongSupplier nanoTime, Consumer<TurnMetrics> onTurn,
            Consumer<DeadAirEvent> onDeadAir) {
        this.anchorInstant = clock.instant();
        this.anchorNanos = nanoTime.getAsLong();
        this.onTurn = Objects.requireNonNull(onTurn, "onTurn");
        this.onDeadAir = Objects.requireNonNull(onDeadAir, "onDeadAir");
    }

    @Override
    public synchronized void mark(TurnMark mark, long nanos) {
        current.putIfAbsent(mark, nanos);
    }

    /** Ends the current turn; a turn with no mark, no text and no interruption is not recorded. */
    @Override
    public void turnEnded(String callerText, String botText, long nanos) {
        TurnMetrics finished;
        synchronized (this) {
            boolean empty = current.isEmpty() && turnInterruptions == 0 && isBlank(callerText) && isBlank(botText);
            if (empty) {
                return;
            }
            Map<TurnMark, Instant> marks = new EnumMap<>(TurnMark.class);
            current.forEach((m, n) -> marks.put(m, instant(n)));
            finished = new TurnMetrics(turns.size() + 1, marks, TurnMetrics.parts(current),
                    TurnMetrics.voiceToVoice(current), turnInterruptions, turnFalseInterruptions,
                    callerText, botText, instant(nanos));
            turns.add(finished);
            current.clear();
            turnInterruptions = 0;
            turnFalseInterruptions = 0;
        }
        onTurn.accept(finished);
    }

    @Override
    public synchronized void interruption(boolean falseAlarm, long nanos) {
        turnInterruptions++;
        interruptions++;
        if (falseAlarm) {
            turnFalseInterruptions++;
            falseInterruptions++;
        }
    }

    @Override
    public void deadAir(long silentMillis, long nanos) {
        DeadAirEvent event = new DeadAirEvent(instant(nanos), silentMillis);
        synchronized (this) {
            deadAir.add(event);
        }
        onDeadAir.accept(event);
    }

    /** The finished turns so far, in order. */
    public synchronized List<TurnMetrics> turns() {
        return List.copyOf(turns);
    }

    /** The dead-air events so far, in order. */
    public synchronized List<DeadAirEvent> deadAirEvents() {
        return List.copyOf(deadAir);
    }

    /** The call's figures over the finished turns (the counts include an unfinished turn's). */
    public synchronized CallLatencySummary summary() {
        return CallLatencySummary.of(turns, interruptions, falseInterruptions, deadAir.size());
    }

    private Instant instant(long nanos) {
        return anchorInstant.plus(Duration.ofNanos(nanos - anchorNanos));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
