package org.voxgate.store;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A contact of a campaign as stored, with where its calling stands.
 *
 * <p>Immutable and thread-safe; {@code variables} is an unmodifiable copy.
 *
 * @param id         database id
 * @param campaignId the campaign's id
 * @param phone      E.164
 * @param name       or {@code null}
 * @param timeZone   IANA zone, or {@code null} for the campaign's
 * @param variables  for the bot
 * @param sourceLine the upload line it came from, or {@code null}
 * @param status     {@link #PENDING} (an attempt is queued or dialling) or {@link #DONE}
 * @param outcome    the last attempt's outcome, or {@code null} before the first ends
 * @param attempts   attempts ended so far
 * @param createdAt  when it was added
 * @param updatedAt  last change
 */
public record CampaignContact(long id, String campaignId, String phone, String name, String timeZone,
        Map<String, String> variables, Integer sourceLine, String status, String outcome, int attempts,
        Instant createdAt, Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String DONE = "done";
    /** Every status. */
    public static final Set<String> STATUSES = Set.of(PENDING, DONE);

    public CampaignContact {
        if (campaignId == null) {
            throw new IllegalArgumentException("campaignId is required");
        }
        if (phone == null) {
            throw new IllegalArgumentException("phone is required");
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be pending or done (was " + status + ")");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0 (was " + attempts + ")");
        }
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
