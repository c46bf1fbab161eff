package org.voxgate.admin;

import java.util.Map;

/**
 * SPI: places, ends and transfers calls for {@code POST /api/calls}, {@code DELETE /api/calls/{id}}
 * and {@code POST /api/calls/{id}/transfer}.
 * Implemented by the application, which owns the SIP layer; the admin module only validates
 * the request's shape.
 *
 * <p>Threading: called on HTTP request (virtual) threads, concurrently; may block briefly.
 */
public interface CallControl {

    /**
     * Places a call and returns at once, while it rings.
     *
     * @return the call's id, the key of its record in {@code /api/calls/{id}}
     * @throws CallRefusedException naming the field at fault (unknown trunk or bot, a number
     *     that is not one, a trunk at its call limit, ...)
     */
    String place(PlaceCall request) throws CallRefusedException;

    /**
     * Ends a call in progress: CANCEL while it rings, BYE once answered.
     *
     * @return false when no call with that id is in progress
     */
    boolean hangup(String callId);

    /**
     * Hands the caller of a call in progress with a bot to {@code target}, as a bot's transfer
     * would (blind: REFER, or a second call joined to it; warm: the target is called first and
     * the bot keeps the caller until it answers). Returns once the transfer is under way; a
     * failure after that leaves the caller with the bot and is recorded in the call's events.
     *
     * @param target a SIP URI, a registered SIP user or a phone number; null for the node's
     *     operator ({@code bots.operator})
     * @throws CallRefusedException 404 naming {@code id} when no call with a bot has that id,
     *     409 naming {@code target} when the transfer failed at once (no route, no operator)
     */
    default void transfer(String callId, String target, boolean warm) throws CallRefusedException {
        throw new CallRefusedException(501, null, "transfers are not available on this node");
    }

    /**
     * A call to place, as posted.
     *
     * @param to the number to call through {@code trunk}, or null when {@code sipUser} is given
     * @param trunk the trunk to call through, or null when {@code sipUser} is given
     * @param sipUser the registered SIP user to call, or null when {@code trunk} is given
     * @param bot the bot to run once answered, or null for the trunk's (or the node's) default
     * @param variables values for the bot; never null
     */
    record PlaceCall(String to, String trunk, String sipUser, String bot, Map<String, String> variables) {}
}
