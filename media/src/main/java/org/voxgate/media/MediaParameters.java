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
 * @param options the peer's fmtp parameters for {@code codec} ({@link CodecOptions#NONE} for
 *     G.711)
 */
public record MediaParameters(
        Codec codec, int payloadType, InetSocketAddress remoteRtp, int telephoneEventPayloadType,
        CodecOptions options) {

    public MediaParameters {
        options = options == null ? CodecOptions.NONE : options;
    }

    /** Parameters without codec options (G.711, tests). */
    public MediaParameters(Codec codec, int payloadType, InetSocketAddress remoteRtp, int telephoneEventPayloadType) {
        this(codec, payloadType, remoteRtp, telephoneEventPayloadType, CodecOptions.NONE);
    }
}
