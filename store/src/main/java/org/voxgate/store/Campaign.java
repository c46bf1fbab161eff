package org.voxgate.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * An outbound calling campaign: which bot calls, over which trunk, as whom, when and how fast.
 *
 * <p>Immutable and thread-safe. A campaign not stored yet (before {@link CampaignRepository#create})
 * may have a {@code null} id and state; the repository assigns both.
 *
 * @param id          UUID, {@code null} before it is stored
 * @param name        unique among live campaigns, 1..128 characters
 * @param bot         the bot that talks on the calls
 * @param trunk       the trunk the calls leave by
 * @param callerId    the number presented, or {@code null} for the trunk's
 * @param timeZone    IANA zone of the dates and windows (contacts may override)
 * @param settings    schedule, pacing and policies
 * @param state       one of {@link #DRAFT}, {@link #RUNNING}, {@link #PAUSED}, {@link #COMPLETED},
 *                    {@link #STOPPED}; {@code null} before it is stored
 * @param createdAt   when it was created (required)
 * @param updatedAt   last change, or {@code null} before it is stored
 * @param startedAt   first start, or {@code null}
 * @param finishedAt  when it completed or was stopped, or {@code null}
 */
public record Campaign(String id, String name, String bot, String trunk, String callerId, String timeZone,
        CampaignSettings settings, String state, Instant createdAt, Instant updatedAt, Instant startedAt,
        Instant finishedAt) {

    public static final String DRAFT = "draft";
    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String COMPLETED = "completed";
    public static final String STOPPED = "stopped";
    /** Every state. */
    public static final Set<String> STATES = Set.of(DRAFT, RUNNING, PAUSED, COMPLETED, STOPPED);

    public Campaign {
        requireText(name, "name", 128);
        requireText(bot, "bot", 255);
        requireText(trunk, "trunk", 64);
        if (callerId != null && (callerId.isBlank() || callerId.length() > 64)) {
            throw new IllegalArgumentException("callerId must be 1..64 characters when given");
        }
        if (timeZone == null || timeZone.isBlank()) {
            throw new IllegalArgumentException("timeZone is required");
        }
        TimeZones.check(timeZone);
        if (settings == null) {
            throw new IllegalArgumentException("settings is required");
        }
        if (state != null && !STATES.contains(state)) {
            throw new IllegalArgumentException("state must be one of " + STATES + " (was " + state + ")");
        }
        if (createdAt == null) {
            throw new IllegalArgumentException("createdAt is required");
        }
    }

    private static void requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
    }

    /** The zone of the campaign's dates and windows. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
