package org.voxgate.store;

import java.time.Instant;

/**
 * A caller's history, computed from the calls table: how often they called (inbound) or were
 * called (outbound), and how the latest call went. Immutable.
 *
 * @param phone       the caller's key
 * @param totalCalls  calls in all
 * @param recentCalls calls in the last {@link CallerProfileRepository#RECENT_DAYS} days
 * @param lastCallAt  when the latest call was invited, or null without calls
 * @param lastOutcome the latest call's business outcome ({@code COMPLETED}, {@code TRANSFERRED},
 *                    ...), else its setup outcome ({@code BUSY}, ...), or null when neither is known
 */
public record CallerStats(String phone, long totalCalls, long recentCalls, Instant lastCallAt, String lastOutcome) {

    /** Whether the caller has no calls on record. */
    public boolean firstTime() {
        return totalCalls == 0;
    }
}
