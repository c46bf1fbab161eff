package org.voxgate.media.sdp;

import java.util.List;
import org.voxgate.media.Codec;

/**
 * Writes an SDP offer (RFC 3264 section 5) with one audio section: the given codecs in order of
 * preference by their static payload types (Opus on dynamic type 111 with our fmtp, see
 * {@link OpusFmtp}), then telephone-event, with a 20 ms packet time.
 * Used for the first offer of a call we place (every codec we may use) and for re-offers of a
 * running session (the codec in use: a re-INVITE without SDP, a session refresh). Line ends
 * are CRLF.
 *
 * <p>Threading: stateless; thread-safe.
 */
public final class SdpOfferWriter {
    /** The dynamic payload type we offer RFC 4733 telephone-event on when none is in use yet. */
    public static final int TELEPHONE_EVENT_PAYLOAD_TYPE = 101;
    private static final String CRLF = "\r\n";

    /**
     * @param codecs codecs in order of preference, at least one
     * @param telephoneEventPayloadType the payload type for telephone-event
     * @param advertisedAddress our address for {@code o=} and {@code c=}
     * @param localRtpPort our RTP port
     * @param sessionId the {@code o=} session id, stable for the life of the session
     * @param version the {@code o=} version
     * @param direction our direction
     */
    public String write(List<Codec> codecs, int telephoneEventPayloadType, String advertisedAddress,
            int localRtpPort, long sessionId, long version, Direction direction) {
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least one codec");
        }
        String addressType = advertisedAddress.indexOf(':') >= 0 ? "IP6" : "IP4";
        int te = telephoneEventPayloadType;
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
        sb.append(' ').append(te).append(CRLF);
        for (Codec codec : codecs) {
            RtpMapLines.append(sb, codec, codec.payloadType());
        }
        sb.append("a=rtpmap:").append(te).append(" telephone-event/8000").append(CRLF);
        sb.append("a=fmtp:").append(te).append(" 0-16").append(CRLF);
        sb.append("a=ptime:20").append(CRLF);
        sb.append("a=").append(direction.attribute()).append(CRLF);
        return sb.toString();
    }
}
