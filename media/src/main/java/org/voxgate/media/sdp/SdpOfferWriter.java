package org.voxgate.media.sdp;

import org.voxgate.media.Codec;
import org.voxgate.media.MediaParameters;

/**
 * Writes an SDP offer (RFC 3264 section 5) with one audio section: the codec in use when a
 * session is already running (a re-INVITE without SDP, a session refresh), otherwise every
 * codec we support in our order of preference; telephone-event on payload type 101 (or the
 * one in use). Line ends are CRLF.
 *
 * <p>Threading: stateless; thread-safe.
 */
public final class SdpOfferWriter {
    private static final String CRLF = "\r\n";
    /** The dynamic payload type we offer telephone-event on when none is in use yet. */
    public static final int TELEPHONE_EVENT_PT = 101;

    /**
     * @param current the parameters in use, or {@code null} to offer every codec
     * @param sessionId the {@code o=} session id of the media session
     * @param version the {@code o=} version
     */
    public String write(MediaParameters current, String advertisedAddress, int localRtpPort, long sessionId,
            long version, Direction direction) {
        String addressType = advertisedAddress.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder sb = new StringBuilder(256);
        sb.append("v=0").append(CRLF);
        sb.append("o=voxgate ").append(sessionId).append(' ').append(version)
                .append(" IN ").append(addressType).append(' ').append(advertisedAddress).append(CRLF);
        sb.append("s=voxgate").append(CRLF);
        sb.append("c=IN ").append(addressType).append(' ').append(advertisedAddress).append(CRLF);
        sb.append("t=0 0").append(CRLF);
        int te = current == null || current.telephoneEventPayloadType() < 0
                ? TELEPHONE_EVENT_PT : current.telephoneEventPayloadType();
        StringBuilder formats = new StringBuilder();
        StringBuilder maps = new StringBuilder();
        if (current != null) {
            appendFormat(formats, maps, current.payloadType(), current.codec());
        } else {
            for (Codec codec : Codec.values()) {
                appendFormat(formats, maps, codec.payloadType(), codec);
            }
        }
        sb.append("m=audio ").append(localRtpPort).append(" RTP/AVP").append(formats).append(' ').append(te)
                .append(CRLF);
        sb.append(maps);
        sb.append("a=rtpmap:").append(te).append(" telephone-event/8000").append(CRLF);
        sb.append("a=fmtp:").append(te).append(" 0-16").append(CRLF);
        sb.append("a=ptime:20").append(CRLF);
        sb.append("a=").append(direction.attribute()).append(CRLF);
        return sb.toString();
    }

    private static void appendFormat(StringBuilder formats, StringBuilder maps, int pt, Codec codec) {
        formats.append(' ').append(pt);
        maps.append("a=rtpmap:").append(pt).append(' ').append(codec.encodingName()).append('/')
                .append(codec.clockRate()).append(CRLF);
    }
}
