package org.voxgate.pipeline.telemetry;

import java.time.Instant;

/**
 * The bot was silent for {@code silentMillis} while the caller waited, noticed at {@code at}.
 * Immutable.
 */
public record DeadAirEvent(Instant at, long silentMillis) {
}
