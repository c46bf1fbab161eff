package org.voxgate.store;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Checks of IANA time-zone names as the store keeps them. Stateless. */
final class TimeZones {
    private TimeZones() {
    }

    /** Throws IllegalArgumentException naming {@code timeZone} unless it is a known zone of at most 64 characters. */
    static void check(String timeZone) {
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone is not a known time zone: " + timeZone);
        }
        if (timeZone.length() > 64) {
            throw new IllegalArgumentException("timeZone must be at most 64 characters");
        }
    }
}
