package org.voxgate.media.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.voxgate.media.Codec;
import org.voxgate.media.MediaParameters;
import org.voxgate.media.SdpException;

/**
 * Chooses the audio stream, codec and telephone-event payload type for an offer. The first
 * active {@code RTP/AVP} audio section that shares a codec with us is accepted; within it
 * the offer's order of preference decides between PCMU and PCMA, recognised by static
 * payload type (0, 8) or by rtpmap name. telephone-event/8000 is accepted with the offer's
 * payload number. Nothing in common raises {@link SdpException} with
 * {@code malformed = false} (SIP 488).
 *
 * <p>Threading: stateless; thread-safe.
 */
public final class SdpNegotiator {
    private static final String AUDIO_PROFILE = "RTP/AVP";
    private static final String TELEPHONE_EVENT = "telephone-event";

    /** Negotiates an already parsed offer. */
    public Negotiation negotiate(SessionDescription offer) throws SdpException {
        List<MediaDescription> media = offer.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (!m.media().equals("audio") || m.port() == 0 || !m.proto().equals(AUDIO_PROFILE)) {
                continue;
            }
            for (String format : m.formats()) {
                int pt = SdpParser.parseInt(format, -1);
                Codec codec = pt < 0 || pt > 127 ? null : codecFor(pt, m.rtpMaps().get(pt));
                if (codec != null) {
                    String address = m.connectionAddress() != null
                            ? m.connectionAddress() : offer.connectionAddress();
                    Direction offered = m.direction() != null ? m.direction()
                            : offer.direction() != null ? offer.direction() : Direction.SENDRECV;
                    MediaParameters parameters = new MediaParameters(
                            codec, pt, socketAddress(address, m.port()), telephoneEventPayloadType(m));
                    return new Negotiation(i, parameters, offered.answer());
                }
            }
        }
        throw new SdpException("no common audio codec (we support PCMU and PCMA over RTP/AVP)", false);
    }

    private static Codec codecFor(int pt, RtpMap map) {
        if (map == null) {
            // static payload types may be offered without an rtpmap (RFC 3551)
            return pt == Codec.PCMU.payloadType() ? Codec.PCMU
                    : pt == Codec.PCMA.payloadType() ? Codec.PCMA : null;
        }
        if (map.clockRate() != 8000 || map.channels() != 1) {
            return null;
        }
        for (Codec c : Codec.values()) {
            if (c.encodingName().equalsIgnoreCase(map.encodingName())) {
                return c;
            }
        }
        return null;
    }

    private static int telephoneEventPayloadType(MediaDescription m) {
        for (String format : m.formats()) {
            int pt = SdpParser.parseInt(format, -1);
            RtpMap map = m.rtpMaps().get(pt);
            if (map != null && map.encodingName().equalsIgnoreCase(TELEPHONE_EVENT)
                    && map.clockRate() == 8000 && pt >= 0 && pt <= 127) {
                return pt;
            }
        }
        return -1;
    }

    /**
     * Builds the remote address without a DNS lookup for IP literals; a host name (legal in
     * SDP, rare in practice) stays unresolved, and the session then waits for the caller's
     * first packet to learn where to send (symmetric RTP).
     */
    static InetSocketAddress socketAddress(String address, int port) {
        if (isIpLiteral(address)) {
            try {
                return new InetSocketAddress(InetAddress.getByName(address), port);
            } catch (UnknownHostException e) {
                // an out-of-range literal such as 999.1.1.1: treat it like a host name
            }
        }
        return InetSocketAddress.createUnresolved(address, port);
    }

    private static boolean isIpLiteral(String address) {
        if (address.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }
}
