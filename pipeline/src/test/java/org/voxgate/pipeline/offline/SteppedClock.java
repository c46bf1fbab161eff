package org.voxgate.pipeline.offline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test advances it; safe to read from other threads. */
public final class SteppedClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T10:00:00Z");

    public void advance(Duration step) {
        synchronized (this) {
            now = now.plus(step);
        }
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** This clock's time as nanoseconds since the epoch: a stepped stand-in for {@link System#nanoTime()}. */
    public long nanos() {
        Instant i = now;
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
