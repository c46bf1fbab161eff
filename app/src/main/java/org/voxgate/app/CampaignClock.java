package org.voxgate.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock campaign schedules run on: calling windows, start and end dates, retry delays and
 * tasks' due times. In production it is real time. To rehearse (and to test) a day of windows
 * and retries in minutes it runs {@code speed} times faster, reading {@code start} at the real
 * instant {@code anchor}: {@code now = start + (real - anchor) * speed}. Pacing and leases never
 * use it: a carrier counts calls per real second.
 *
 * <p>Immutable and thread-safe.
 */
final class CampaignClock extends Clock {
    private final Clock real;
    private final Instant start;
    private final Instant anchor;
    private final double speed;

    CampaignClock(Clock real, Instant start, Instant anchor, double speed) {
        this.real = real;
        this.start = start;
        this.anchor = anchor;
        this.speed = speed;
    }

    /** The campaign clock of {@code config}: real time unless a start or a speed is set. */
    static Clock of(CampaignsConfig config, Clock real) {
        if (config.clockStart() == null && config.clockSpeed() == 1.0) {
            return real;
        }
        Instant anchor = config.clockAnchor() != null ? config.clockAnchor() : real.instant();
        Instant start = config.clockStart() != null ? config.clockStart() : anchor;
        return new CampaignClock(real, start, anchor, config.clockSpeed());
    }

    @Override
    public Instant instant() {
        long realMillis = real.millis() - anchor.toEpochMilli();
        return start.plusMillis(Math.round(realMillis * speed));
    }

    /** The real instant at which this clock will read {@code campaignInstant}. */
    Instant realAt(Instant campaignInstant) {
        long campaignMillis = campaignInstant.toEpochMilli() - start.toEpochMilli();
        return anchor.plusMillis(Math.round(campaignMillis / speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the campaign clock is always UTC");
    }
}
