package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Per-bot limits on each of its calls, from the skillbase: how long a call may last
 * ({@code maxCallSeconds}, ended with reason {@code max_duration}) and whether its calls are
 * recorded ({@code recording.enabled}; a {@code false} leaves it to the node's recording
 * configuration, which may still record every call).
 *
 * <p>Immutable.
 *
 * @param maxDuration the longest a call may last once answered; {@code null} for no limit
 * @param recorded whether the bot asks for its calls to be recorded
 */
record CallRules(Duration maxDuration, boolean recorded) {
    /** What a bot without a skillbase gets: no limit, recording as the node decides. */
    static final CallRules NONE = new CallRules(null, false);
    /** The contract's default {@code maxCallSeconds}. */
    static final int DEFAULT_MAX_CALL_SECONDS = 900;

    CallRules {
        if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
            throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
        }
    }

    static CallRules of(JsonNode doc) {
        return new CallRules(Duration.ofSeconds(SkillbaseNodes.integer(doc, "maxCallSeconds", DEFAULT_MAX_CALL_SECONDS)),
                SkillbaseNodes.bool(doc.path("recording"), "enabled", false));
    }
}
