package org.voxgate.store;

import java.time.Instant;
import java.util.Set;

/**
 * Which calls a list, count or export covers; every criterion is optional (null = any) and
 * all given ones must hold. Immutable.
 *
 * @param bot         the bot's name, exactly
 * @param direction   {@code inbound} or {@code outbound}
 * @param callOutcome the business outcome ({@code COMPLETED}, {@code TRANSFERRED}, ...)
 * @param from        calls invited at or after this instant
 * @param to          calls invited before this instant
 * @param callerForms the spellings of one caller (see {@link CallerKey#storedForms}): inbound
 *                    calls from it and outbound calls to it
 */
public record CallFilter(String bot, String direction, String callOutcome, Instant from, Instant to,
                         Set<String> callerForms) {

    /** Every call. */
    public static final CallFilter ALL = new CallFilter(null, null, null, null, null, null);

    public CallFilter {
        if (direction != null && !direction.equals("inbound") && !direction.equals("outbound")) {
            throw new IllegalArgumentException("direction must be inbound or outbound (was " + direction + ")");
        }
        if (callerForms != null) {
            if (callerForms.isEmpty()) {
                throw new IllegalArgumentException("callerForms must not be empty");
            }
            callerForms = Set.copyOf(callerForms);
        }
    }
}
