package org.voxgate.sip;

import java.time.Instant;

/**
 * What the SIP layer knows of a trunk's far end right now.
 *
 * <p>Immutable.
 *
 * @param options {@code up}, {@code down}, or {@code unknown} before the first probe
 * @param lastOptionsStatus status of the last OPTIONS answer, {@code null} when none came
 * @param lastOptionsAt when the last probe finished, or {@code null}
 * @param registration {@code disabled}, {@code registering}, {@code registered} or {@code failed}
 * @param lastRegisterStatus status of the last final REGISTER answer, or {@code null}
 * @param registeredUntil when the carrier's binding expires, or {@code null} when not registered
 */
public record TrunkHealth(String options, Integer lastOptionsStatus, Instant lastOptionsAt,
        String registration, Integer lastRegisterStatus, Instant registeredUntil) {

    /** Nothing known yet (a trunk just added, or one without a peer). */
    public static TrunkHealth unknown() {
        return new TrunkHealth("unknown", null, null, "disabled", null, null);
    }
}
