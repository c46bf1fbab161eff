package org.voxgate.store;

import java.time.Instant;
import java.util.Set;

/**
 * One attempt to call one contact of a campaign: a row of the dialling queue.
 * {@code queued -> dialing -> done}, or {@code queued -> cancelled}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         database id
 * @param campaignId the campaign's id
 * @param contactId  the contact's id
 * @param attempt    1 for the first call of the contact
 * @param state      {@link #QUEUED}, {@link #DIALING}, {@link #DONE} or {@link #CANCELLED}
 * @param dueAt      not dialled before this (campaign clock)
 * @param node       the node dialling it, or {@code null}
 * @param leaseUntil the node's hold on it runs out then (real clock), or {@code null}
 * @param claimedAt  when a node claimed it (real clock), or {@code null}
 * @param callId     the call placed for it, or {@code null}
 * @param outcome    how it ended, or {@code null}
 * @param detail     more detail on the end (SIP status, node_lost, ...), or {@code null}
 * @param amdResult  HUMAN, MACHINE or UNSURE, or {@code null}
 * @param amdMillis  how long detection took from the answer, or {@code null}
 * @param endedAt    when it ended, or {@code null}
 */
public record CallTask(long id, String campaignId, long contactId, int attempt, String state, Instant dueAt,
        String node, Instant leaseUntil, Instant claimedAt, String callId, String outcome, String detail,
        String amdResult, Integer amdMillis, Instant endedAt) {

    public static final String QUEUED = "queued";
    public static final String DIALING = "dialing";
    public static final String DONE = "done";
    public static final String CANCELLED = "cancelled";
    /** Every state. */
    public static final Set<String> STATES = Set.of(QUEUED, DIALING, DONE, CANCELLED);

    public CallTask {
        if (campaignId == null) {
            throw new IllegalArgumentException("campaignId is required");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1 (was " + attempt + ")");
        }
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("state must be one of " + STATES + " (was " + state + ")");
        }
        if (dueAt == null) {
            throw new IllegalArgumentException("dueAt is required");
        }
    }
}
