package org.voxgate.sip;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.voxgate.sip.auth.SipPrincipal;

/**
 * The facts of an incoming INVITE the application needs to route it.
 *
 * @param callId SIP Call-ID
 * @param from caller's URI user part (or telephone number)
 * @param to callee's URI user part from the To header
 * @param dialled user part of the Request-URI (falls back to {@code to} when absent)
 * @param source address the request came from
 * @param transport {@code udp} or {@code tcp}
 * @param receivedAt when the INVITE arrived
 * @param principal who sent it: the trunk its source address belongs to, or whose digest
 *     credentials it carried; never null for an INVITE that reaches the application
 */
public record InviteRequest(
        String callId,
        String from,
        String to,
        String dialled,
        InetSocketAddress source,
        String transport,
        Instant receivedAt,
        SipPrincipal principal) {

    /** The trunk the INVITE came in on, or null when a SIP user (or nobody) sent it. */
    public String trunk() {
        return principal != null && principal.kind() == SipPrincipal.Kind.TRUNK ? principal.id() : null;
    }
}
