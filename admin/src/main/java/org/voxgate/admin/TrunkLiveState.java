package org.voxgate.admin;

import java.time.Instant;

/**
 * A trunk's live state as {@code GET /api/trunks} shows it beside the stored settings.
 * Immutable.
 *
 * @param options OPTIONS keep-alive: {@code up}, {@code down} or {@code unknown}
 * @param lastOptionsStatus status of the last OPTIONS answer, or null
 * @param lastOptionsAt when the last keep-alive finished, or null
 * @param registration {@code disabled}, {@code registering}, {@code registered} or {@code failed}
 * @param lastRegisterStatus status of the last REGISTER answer, or null
 * @param registeredUntil when the carrier's binding expires, or null
 * @param activeCalls calls on the trunk now, both directions
 */
public record TrunkLiveState(String options, Integer lastOptionsStatus, Instant lastOptionsAt, String registration,
        Integer lastRegisterStatus, Instant registeredUntil, int activeCalls) {}
