package org.voxgate.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Call recording settings (the {@code recording} section). Immutable.
 *
 * @param enabled whether every call is recorded
 * @param bots bots (lower-case names) whose calls are recorded even when {@code enabled} is false
 * @param directory where the WAV files go
 * @param retention how long a recording is kept before the sweep deletes it
 */
record RecordingConfig(boolean enabled, Set<String> bots, Path directory, Duration retention) {

    RecordingConfig {
        bots = bots.stream().map(b -> b.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("recording.retention-days must be at least 1");
        }
    }

    /** Whether calls to this bot are recorded. */
    boolean records(String bot) {
        return enabled || (bot != null && bots.contains(bot.toLowerCase(Locale.ROOT)));
    }
}
