package org.voxgate.admin;

import java.util.Map;

/**
 * SPI: places and ends calls for {@code POST /api/calls} and {@code DELETE /api/calls/{id}}.
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
