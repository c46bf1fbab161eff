package org.voxgate.media.sdp;

import java.util.List;
import org.voxgate.media.Codec;

/**
 * Writes the SDP offer (RFC 3264 5) of a call we place: one sendrecv audio section listing
 * the given codecs in order of preference by their static payload types, then
 * telephone-event on {@link #TELEPHONE_EVENT_PAYLOAD_TYPE}, with a 20 ms packet time. Line
 * ends are CRLF.
 *
 * <p>Threading: stateless; thread-safe.
 */
public final class SdpOfferWriter {
    /** The dynamic payload type we offer RFC 4733 telephone-event on (the common choice). */
    public static final int TELEPHONE_EVENT_PAYLOAD_TYPE = 101;
    private static final String CRLF = "\r\n";

    /**
     * @param codecs codecs in order of preference, at least one
     * @param advertisedAddress our address for {@code o=} and {@code c=}
     * @param localRtpPort our RTP port
     * @param sessionId the {@code o=} session id, stable for the life of the session
     * @param version the {@code o=} version
     */
    public String write(List<Codec> codecs, String advertisedAddress, int localRtpPort, long sessionId, long version) {
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least one codec");
        }
        String addressType = advertisedAddress.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder sb = new StringBuilder(256);
        sb.append("v=0").append(CRLF);
        sb.append("o=voxgate ").append(sessionId).append(' ').append(version)
                .append(" IN ").append(addressType).append(' ').append(advertisedAddress).append(CRLF);
        sb.append("s=voxgate").append(CRLF);
        sb.append("c=IN ").append(addressType).append(' ').append(advertisedAddress).append(CRLF);
        sb.append("t=0 0").append(CRLF);
        sb.append("m=audio ").append(localRtpPort).append(" RTP/AVP");
        for (Codec codec : codecs) {
            sb.append(' ').append(codec.payloadType());
        }
        sb.append(' ').append(TELEPHONE_EVENT_PAYLOAD_TYPE).append(CRLF);
        for (Codec codec : codecs) {
            sb.append("a=rtpmap:").append(codec.payloadType()).append(' ').append(codec.encodingName())
                    .append('/').append(codec.clockRate()).append(CRLF);
        }
        sb.append("a=rtpmap:").append(TELEPHONE_EVENT_PAYLOAD_TYPE).append(" telephone-event/8000").append(CRLF);
        sb.append("a=fmtp:").append(TELEPHONE_EVENT_PAYLOAD_TYPE).append(" 0-16").append(CRLF);
        sb.append("a=ptime:20").append(CRLF);
        sb.append("a=sendrecv").append(CRLF);
        return sb.toString();
    }
}
