package org.voxgate.sip;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.voxgate.media.Codec;

/**
 * A call for the SIP layer to place. Every target is INVITEd at once with the same SDP offer
 * (parallel forking); the first to answer wins and the others are cancelled.
 *
 * <p>Immutable.
 *
 * @param callId the call's id and its first leg's SIP Call-ID, or null to have one made; the
 *     placer may choose it to write the call's record before the call exists
 * @param targets where to send INVITEs; one for a trunk, several to fork to a user's contacts
 * @param fromUser user part of our From (a caller-ID number, for example)
 * @param fromDomain host part of our From; {@code null} means our advertised host
 * @param to the callee as recorded (an E.164 number or a user name), for the call record
 * @param trunk the trunk the call goes through, or {@code null}; recorded, reported back
 * @param bot the bot to start when the call is answered
 * @param codecs codecs to offer, most preferred first
 * @param ringTimeout how long to wait for an answer before CANCEL (outcome NO_ANSWER)
 * @param variables opaque values for the bot, handed back on {@link ActiveCall#variables()}
 */
public record OutboundCallRequest(
        String callId,
        List<SipTarget> targets,
        String fromUser,
        String fromDomain,
        String to,
        String trunk,
        String bot,
        List<Codec> codecs,
        Duration ringTimeout,
        Map<String, String> variables) {

    public OutboundCallRequest {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a call needs at least one target");
        }
        Objects.requireNonNull(fromUser, "fromUser");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(bot, "bot");
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("a call needs at least one codec");
        }
        if (ringTimeout == null || ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("ring timeout must be positive");
        }
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
