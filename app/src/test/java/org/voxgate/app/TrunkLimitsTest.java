package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.store.Trunk;

class TrunkLimitsTest {
    /** A clock the test moves by hand. */
    static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    private static Trunk trunk(int maxCalls, int cps) {
        return new Trunk("carrier", "127.0.0.1", 5060, "udp", List.of(), null, null, null, null, null, false, 3600,
                null, null, "US", List.of("PCMU"), maxCalls, cps, null, true);
    }

    @Test
    void callsPerSecondRollOverAfterOneSecond() {
        StepClock clock = new StepClock();
        CallsPerSecondLimiter limiter = new CallsPerSecondLimiter(2, clock);
        assertThat(limiter.tryAcquire()).isTrue();
        clock.advance(Duration.ofMillis(400));
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        clock.advance(Duration.ofMillis(600)); // the first start is now a second old
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        assertThat(new CallsPerSecondLimiter(0, clock).tryAcquire()).isTrue();
    }

    @Test
    void concurrentCallsAreCountedAndReleasedOncePerCall() {
        TrunkLimits limits = new TrunkLimits(new StepClock());
        Trunk trunk = trunk(2, 0);
        assertThat(limits.acquire(trunk, "a", true)).isEmpty();
        assertThat(limits.acquire(trunk, "b", false)).isEmpty();
        assertThat(limits.acquire(trunk, "c", true)).hasValueSatisfying(r ->
                assertThat(r.reason()).isEqualTo("trunk carrier is at its limit of 2 concurrent calls"));
        limits.release("a");
        limits.release("a");
        assertThat(limits.active("carrier")).isEqualTo(1);
        assertThat(limits.acquire(trunk, "c", true)).isEmpty();
    }

    @Test
    void callsPerSecondApplyToCallsWePlaceOnly() {
        StepClock clock = new StepClock();
        TrunkLimits limits = new TrunkLimits(clock);
        Trunk trunk = trunk(0, 1);
        assertThat(limits.acquire(trunk, "a", true)).isEmpty();
        assertThat(limits.acquire(trunk, "b", true)).hasValueSatisfying(r ->
                assertThat(r.reason()).contains("1 calls per second"));
        assertThat(limits.acquire(trunk, "c", false)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limits.acquire(trunk, "d", true)).isEmpty();
    }
}
