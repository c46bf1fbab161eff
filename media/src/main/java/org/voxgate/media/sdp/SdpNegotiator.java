package org.voxgate.media.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.voxgate.media.Codec;
import org.voxgate.media.CodecOptions;
import org.voxgate.media.MediaParameters;
import org.voxgate.media.SdpException;

/**
 * Chooses the audio stream, codec and telephone-event payload type for an SDP. The first
 * active {@code RTP/AVP} audio section that shares a codec with us is accepted. Codecs are
 * recognised by static payload type (0, 8) or by rtpmap name and rate (PCMU/8000,
 * PCMA/8000, G722/8000, opus/48000/2 on a dynamic type); the peer's Opus fmtp is read into
 * {@link CodecOptions}. telephone-event/8000 is accepted with the SDP's payload number.
 * Nothing in common raises {@link SdpException} with {@code malformed = false} (SIP 488).
 *
 * <p>Which codec, when several are shared: when answering an offer we pick by OUR order of
 * preference (the trunk's, the bot's or the node's list) among what the offer has, not by the
 * offer's order. RFC 3264 (section 6.1) lets the answerer choose any subset; we do so because
 * the choice costs us, not the caller: CPU per call (Opus costs far more than G.711) and what
 * the speech providers get to hear are ours to trade off, and an operator who lists
 * {@code [opus, pcmu]} for a trunk expects Opus whenever that trunk offers it, whatever order
 * its equipment happens to write. With no list (reading the answer to our own offer, where the
 * choice was the answerer's) the SDP's own order decides.
 *
 * <p>Threading: stateless; thread-safe.
 */
public final class SdpNegotiator {
    private static final String AUDIO_PROFILE = "RTP/AVP";
    private static final String TELEPHONE_EVENT = "telephone-event";

    /** Negotiates by the SDP's own order among every codec we support. */
    public Negotiation negotiate(SessionDescription offer) throws SdpException {
        return negotiate(offer, null);
    }

    /**
     * Negotiates an already parsed SDP.
     *
     * @param preference codecs we accept, most preferred first; {@code null} accepts every
     *     codec we support in the SDP's own order
     */
    public Negotiation negotiate(SessionDescription offer, List<Codec> preference) throws SdpException {
        List<MediaDescription> media = offer.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (!m.media().equals("audio") || m.port() == 0 || !m.proto().equals(AUDIO_PROFILE)) {
                continue;
            }
            int pt = preference == null ? firstSupported(m) : bestByPreference(m, preference);
            if (pt >= 0) {
                Codec codec = codecFor(pt, m.rtpMaps().get(pt));
                String address = m.connectionAddress() != null
                        ? m.connectionAddress() : offer.connectionAddress();
                Direction offered = m.direction() != null ? m.direction()
                        : offer.direction() != null ? offer.direction() : Direction.SENDRECV;
                CodecOptions options = codec == Codec.OPUS
                        ? OpusFmtp.parse(m.fmtps().get(pt), m.ptime()) : CodecOptions.NONE;
                MediaParameters parameters = new MediaParameters(
                        codec, pt, socketAddress(address, m.port()), telephoneEventPayloadType(m), options);
                return new Negotiation(i, parameters, offered.answer());
            }
        }
        throw new SdpException("no common audio codec (we support "
                + (preference == null ? List.of(Codec.values()) : preference) + " over RTP/AVP)", false);
    }

    private static int firstSupported(MediaDescription m) {
        for (String format : m.formats()) {
            int pt = SdpParser.parseInt(format, -1);
            if (pt >= 0 && pt <= 127 && codecFor(pt, m.rtpMaps().get(pt)) != null) {
                return pt;
            }
        }
        return -1;
    }

    private static int bestByPreference(MediaDescription m, List<Codec> preference) {
        for (Codec wanted : preference) {
            for (String format : m.formats()) {
                int pt = SdpParser.parseInt(format, -1);
                if (pt >= 0 && pt <= 127 && codecFor(pt, m.rtpMaps().get(pt)) == wanted) {
                    return pt;
                }
            }
        }
        return -1;
    }

    private static Codec codecFor(int pt, RtpMap map) {
        if (map == null) {
            // static payload types may be offered without an rtpmap (RFC 3551)
            return pt == Codec.PCMU.payloadType() ? Codec.PCMU
                    : pt == Codec.PCMA.payloadType() ? Codec.PCMA
                    : pt == Codec.G722.payloadType() ? Codec.G722 : null;
        }
        for (Codec c : Codec.values()) {
            if (c.encodingName().equalsIgnoreCase(map.encodingName()) && c.clockRate() == map.clockRate()
                    // RFC 7587 says opus/48000/2 always; tolerate peers that write /1 or nothing
                    && (c == Codec.OPUS || map.channels() == 1)) {
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
