package org.voxgate.sip;

import java.net.InetSocketAddress;
import java.time.Instant;

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
 */
public record InviteRequest(
        String callId,
        String from,
        String to,
        String dialled,
        InetSocketAddress source,
        String transport,
        Instant receivedAt) {}
