package org.voxgate.media;

import java.net.InetSocketAddress;

/**
 * What offer/answer settled for one call's media.
 *
 * @param codec the audio codec both sides send
 * @param payloadType the payload type used for {@code codec} on the wire (the offer's number)
 * @param remoteRtp where the SDP says to send RTP; replaced by the observed source once the
 *     caller's packets arrive (symmetric RTP)
 * @param telephoneEventPayloadType RFC 4733 payload type, or -1 when not negotiated
 */
public record MediaParameters(
        Codec codec, int payloadType, InetSocketAddress remoteRtp, int telephoneEventPayloadType) {}
