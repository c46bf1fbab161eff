package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** maxCallSeconds: calls end at their deadline on the injected clock, once, and not after they ended. */
class CallDeadlinesTest {
    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T10:00:00Z");

        void advance(Duration d) { now = now.plus(d); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void aCallEndsWhenItsLimitHasPassedAndOnlyOnce() {
        StepClock clock = new StepClock();
        CallDeadlines deadlines = new CallDeadlines(clock);
        List<String> ended = new CopyOnWriteArrayList<>();
        deadlines.watch("short", Duration.ofSeconds(60), () -> ended.add("short"));
        deadlines.watch("long", Duration.ofSeconds(900), () -> ended.add("long"));

        clock.advance(Duration.ofSeconds(59));
        assertThat(deadlines.endOverdue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(deadlines.endOverdue()).isEqualTo(1);
        assertThat(deadlines.endOverdue()).isZero();
        assertThat(ended).containsExactly("short");
        assertThat(deadlines.watched()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(900));
        deadlines.endOverdue();
        assertThat(ended).containsExactly("short", "long");
    }

    @Test
    void aCallThatEndedFirstIsNotEndedAgainAndOneFailureDoesNotStopTheOthers() {
        StepClock clock = new StepClock();
        CallDeadlines deadlines = new CallDeadlines(clock);
        List<String> ended = new CopyOnWriteArrayList<>();
        deadlines.watch("gone", Duration.ofSeconds(10), () -> ended.add("gone"));
        deadlines.watch("broken", Duration.ofSeconds(10), () -> { throw new IllegalStateException("no dialog"); });
        deadlines.watch("ok", Duration.ofSeconds(10), () -> ended.add("ok"));
        deadlines.forget("gone");
        clock.advance(Duration.ofSeconds(10));
        assertThat(deadlines.endOverdue()).isEqualTo(2);
        assertThat(ended).containsExactly("ok");
        assertThat(deadlines.watched()).isZero();
    }
}
