package org.voxgate.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The stored state of one call: who called whom, which bot answered, when it was invited,
 * answered and ended, why it ended, and (when loaded with them) its turns.
 *
 * <p>Immutable and thread-safe; the turn list is an unmodifiable copy.
 *
 * @param callId     SIP Call-ID or another unique id, the primary key
 * @param direction  {@code "inbound"} or {@code "outbound"}
 * @param from       From URI
 * @param to         To URI
 * @param bot        name of the bot that handled (or was to handle) the call
 * @param invitedAt  when the INVITE was received or sent
 * @param answeredAt when the call was answered, {@code null} if never
 * @param endedAt    when the call ended, {@code null} while it runs
 * @param endReason  why it ended (e.g. {@code "bye"}, {@code "cancel"}), {@code null} while it runs
 * @param codec      negotiated codec, {@code null} before negotiation
 * @param turns      turns ordered by seq; empty when not loaded (lists and upserts ignore them);
 *                   {@code null} is read as empty
 * @param outcome    how the call's setup ended, for example {@code ANSWERED}, {@code BUSY},
 *                   {@code NO_ANSWER}, {@code REJECTED}, {@code FAILED}; {@code null} while ringing
 * @param trunk      the trunk the call came in on or went out through, {@code null} for none
 * @param sipStatus  status of the final response to the INVITE, {@code null} when none was
 * @param media      the call's media figures, {@code null} when there are none (yet) or they
 *                   were not loaded (lists leave them out; an upsert without them keeps the
 *                   stored ones)
 * @param analysis   the conversation's outcome, cost and latency figures, written once at the
 *                   end of the call; {@code null} when there are none (yet); lists carry it
 *                   without cost lines and turn figures; an upsert without it keeps the stored one
 * @param review     the post-call review, {@code null} when there is none; written only through
 *                   {@link CallRepository#saveReview} (an upsert ignores it)
 * @param botVersion the version of the bot's stored configuration the call ran, {@code null} for
 *                   bots that are not versioned (built-in ones) or when not known yet; an upsert
 *                   without it keeps the stored one
 */
public record CallRecord(String callId, String direction, String from, String to, String bot,
                         Instant invitedAt, Instant answeredAt, Instant endedAt, String endReason,
                         String codec, List<TurnRecord> turns, String outcome, String trunk,
                         Integer sipStatus, CallMediaStats media, CallAnalysis analysis,
                         CallReview review, Integer botVersion) {

    /** A record without the bot's version. */
    public CallRecord(String callId, String direction, String from, String to, String bot,
                      Instant invitedAt, Instant answeredAt, Instant endedAt, String endReason,
                      String codec, List<TurnRecord> turns, String outcome, String trunk,
                      Integer sipStatus, CallMediaStats media, CallAnalysis analysis,
                      CallReview review) {
        this(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt, endReason, codec,
                turns, outcome, trunk, sipStatus, media, analysis, review, null);
    }

    /** A record without analysis or review. */
    public CallRecord(String callId, String direction, String from, String to, String bot,
                      Instant invitedAt, Instant answeredAt, Instant endedAt, String endReason,
                      String codec, List<TurnRecord> turns, String outcome, String trunk,
                      Integer sipStatus, CallMediaStats media) {
        this(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt, endReason, codec,
                turns, outcome, trunk, sipStatus, media, null, null, null);
    }

    /** A record without media figures. */
    public CallRecord(String callId, String direction, String from, String to, String bot,
                      Instant invitedAt, Instant answeredAt, Instant endedAt, String endReason,
                      String codec, List<TurnRecord> turns, String outcome, String trunk,
                      Integer sipStatus) {
        this(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt, endReason, codec,
                turns, outcome, trunk, sipStatus, null, null, null, null);
    }

    /** A record without outcome, trunk or SIP status (inbound calls before V3). */
    public CallRecord(String callId, String direction, String from, String to, String bot,
                      Instant invitedAt, Instant answeredAt, Instant endedAt, String endReason,
                      String codec, List<TurnRecord> turns) {
        this(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt, endReason, codec,
                turns, null, null, null, null, null, null, null);
    }

    private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");

    public CallRecord {
        if (callId == null || callId.isBlank()) {
            throw new IllegalArgumentException("callId must not be blank");
        }
        if (!DIRECTIONS.contains(direction)) {
            throw new IllegalArgumentException(
                    "direction must be inbound or outbound (was " + direction + ")");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(invitedAt, "invitedAt");
        turns = turns == null ? List.of() : List.copyOf(turns);
    }

    /** A copy of this record carrying the given turns instead of the current ones. */
    public CallRecord withTurns(List<TurnRecord> newTurns) {
        return new CallRecord(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt,
                endReason, codec, newTurns, outcome, trunk, sipStatus, media, analysis, review, botVersion);
    }

    /** A copy of this record carrying the given media figures. */
    public CallRecord withMedia(CallMediaStats newMedia) {
        return new CallRecord(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt,
                endReason, codec, turns, outcome, trunk, sipStatus, newMedia, analysis, review, botVersion);
    }

    /** A copy of this record carrying the given analysis. */
    public CallRecord withAnalysis(CallAnalysis newAnalysis) {
        return new CallRecord(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt,
                endReason, codec, turns, outcome, trunk, sipStatus, media, newAnalysis, review, botVersion);
    }

    /** A copy of this record carrying the version of the bot's configuration it ran. */
    public CallRecord withBotVersion(Integer newBotVersion) {
        return new CallRecord(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt,
                endReason, codec, turns, outcome, trunk, sipStatus, media, analysis, review, newBotVersion);
    }

    /** A copy of this record carrying the given review. */
    public CallRecord withReview(CallReview newReview) {
        return new CallRecord(callId, direction, from, to, bot, invitedAt, answeredAt, endedAt,
                endReason, codec, turns, outcome, trunk, sipStatus, media, analysis, newReview, botVersion);
    }
}
