package org.voxgate.media.sdp;

import org.voxgate.media.Codec;

/**
 * Writes a codec's {@code a=rtpmap} line, and for Opus our {@code a=fmtp} line, for offers
 * and answers alike.
 *
 * <p>Threading: stateless; thread-safe.
 */
final class RtpMapLines {
    private static final String CRLF = "\r\n";

    private RtpMapLines() {}

    static void append(StringBuilder sb, Codec codec, int payloadType) {
        sb.append("a=rtpmap:").append(payloadType).append(' ').append(codec.encodingName())
                .append('/').append(codec.clockRate());
        if (codec.channels() != 1) {
            sb.append('/').append(codec.channels());
        }
        sb.append(CRLF);
        if (codec == Codec.OPUS) {
            sb.append("a=fmtp:").append(payloadType).append(' ').append(OpusFmtp.OURS).append(CRLF);
        }
    }
}
