package org.voxgate.media.sdp;

import java.util.List;
import org.voxgate.media.MediaParameters;

/**
 * Writes the SDP answer (RFC 3264) for a negotiated offer: one {@code m=} line per offered
 * section in the same order, the accepted audio section with our codec and telephone-event,
 * every other section rejected with port 0. Line ends are CRLF.
 *
 * <p>Threading: stateless; thread-safe.
 */
public final class SdpAnswerWriter {
    private static final String CRLF = "\r\n";

    /**
     * @param advertisedAddress our address for {@code o=} and {@code c=}
     * @param localRtpPort our RTP port for the accepted audio section
     * @param sessionId the {@code o=} session id, stable for the life of the session
     * @param version the {@code o=} version, increased for every new answer in the session
     */
    public String write(SessionDescription offer, Negotiation negotiation, String advertisedAddress,
            int localRtpPort, long sessionId, long version) {
        String addressType = advertisedAddress.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder sb = new StringBuilder(256);
        sb.append("v=0").append(CRLF);
        sb.append("o=voxgate ").append(sessionId).append(' ').append(version)
                .append(" IN ").append(addressType).append(' ').append(advertisedAddress).append(CRLF);
        sb.append("s=voxgate").append(CRLF);
        sb.append("c=IN ").append(addressType).append(' ').append(advertisedAddress).append(CRLF);
        sb.append("t=0 0").append(CRLF);

        List<MediaDescription> media = offer.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (i == negotiation.mediaIndex()) {
                appendAudio(sb, negotiation, localRtpPort);
            } else {
                sb.append("m=").append(m.media()).append(" 0 ").append(m.proto()).append(' ')
                        .append(m.formats().get(0)).append(CRLF);
            }
        }
        return sb.toString();
    }

    private static void appendAudio(StringBuilder sb, Negotiation negotiation, int localRtpPort) {
        MediaParameters p = negotiation.parameters();
        int te = p.telephoneEventPayloadType();
        sb.append("m=audio ").append(localRtpPort).append(" RTP/AVP ").append(p.payloadType());
        if (te >= 0) {
            sb.append(' ').append(te);
        }
        sb.append(CRLF);
        RtpMapLines.append(sb, p.codec(), p.payloadType());
        if (te >= 0) {
            sb.append("a=rtpmap:").append(te).append(" telephone-event/8000").append(CRLF);
            sb.append("a=fmtp:").append(te).append(" 0-16").append(CRLF);
        }
        sb.append("a=ptime:20").append(CRLF);
        sb.append("a=").append(negotiation.direction().attribute()).append(CRLF);
    }
}
