package org.voxgate.media;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.random.RandomGenerator;
import org.voxgate.media.sdp.Direction;
import org.voxgate.media.sdp.Negotiation;
import org.voxgate.media.sdp.SdpAnswerWriter;
import org.voxgate.media.sdp.SdpNegotiator;
import org.voxgate.media.sdp.SdpOfferWriter;
import org.voxgate.media.sdp.SdpParser;
import org.voxgate.media.sdp.SessionDescription;

/**
 * The SDP offer/answer side of {@link RtpMediaEngine}: answers offers, writes our offers and
 * re-offers, accepts answers, and applies each exchange's direction to an {@link RtpSession}
 * (send or not, watch the media timeout or not). Sessions of another engine get a fresh
 * {@code o=} session id and version 1, since they keep no SDP numbering of their own.
 *
 * <p>Threading: thread-safe; it holds no mutable state of its own (the parser, negotiator and
 * writers are stateless, the random generator is thread-safe), and per-session numbering
 * lives in the session's {@link LocalSdpState}. Ownership: created and owned by one engine.
 */
final class OfferAnswer {
    private final String advertisedAddress;
    private final RandomGenerator random;
    private final SdpParser sdpParser = new SdpParser();
    private final SdpNegotiator negotiator = new SdpNegotiator();
    private final SdpAnswerWriter answerWriter = new SdpAnswerWriter();
    private final SdpOfferWriter offerWriter = new SdpOfferWriter();

    /**
     * @param advertisedAddress the address written into {@code o=} and {@code c=}
     * @param random a thread-safe generator for session ids of foreign sessions
     */
    OfferAnswer(String advertisedAddress, RandomGenerator random) {
        this.advertisedAddress = advertisedAddress;
        this.random = random;
    }

    /** See {@link RtpMediaEngine#answer}. */
    SdpAnswer answer(String offerSdp, MediaSession session, List<Codec> preference) throws SdpException {
        SessionDescription offer = sdpParser.parse(offerSdp);
        Negotiation negotiation = negotiator.negotiate(offer, preference != null ? preference
                : session instanceof RtpSession rtp ? reOfferPreference(rtp) : null);
        long sessionId;
        long version;
        if (session instanceof RtpSession rtp) {
            sessionId = rtp.sdp().sessionId();
            version = rtp.sdp().nextVersion();
            if (preference != null) {
                rtp.sdp().answeredBy(List.copyOf(preference));
            }
            applyDirection(rtp, negotiation);
        } else {
            sessionId = random.nextLong() & Long.MAX_VALUE;
            version = 1;
        }
        String sdp = answerWriter.write(offer, negotiation, advertisedAddress,
                session.localRtpAddress().getPort(), sessionId, version);
        if (session instanceof RtpSession rtp) {
            // RFC 5761: mux when offered; our RTCP then goes to, and comes from, the RTP ports
            boolean mux = RtcpMuxSdp.offered(offerSdp, negotiation.mediaIndex());
            rtp.useRtcpMux(mux);
            if (mux) {
                sdp = RtcpMuxSdp.accept(sdp, session.localRtpAddress().getPort());
            }
        }
        return new SdpAnswer(sdp, negotiation.parameters());
    }

    /**
     * The preference for answering a re-offer (re-INVITE, UPDATE) when the caller gives none:
     * the list the call's first answer used, or for a call we placed the codecs we offered; the
     * codec in use first, so a refresh or hold does not switch codecs (and rebuild Opus state)
     * for nothing. {@code null} (the offer's own order) when the session knows no list.
     */
    private static List<Codec> reOfferPreference(RtpSession rtp) {
        List<Codec> base = rtp.sdp().answerPreference();
        if (base == null && !rtp.sdp().offeredCodecs().isEmpty()) {
            base = rtp.sdp().offeredCodecs();
        }
        MediaParameters current = rtp.parameters();
        if (base == null || current == null || !base.contains(current.codec())) {
            return base;
        }
        java.util.ArrayList<Codec> ordered = new java.util.ArrayList<>(base.size());
        ordered.add(current.codec());
        for (Codec c : base) {
            if (c != current.codec()) {
                ordered.add(c);
            }
        }
        return ordered;
    }

    /** See {@link RtpMediaEngine#offer(MediaSession, List)}. */
    String offer(MediaSession session, List<Codec> codecs) {
        return writeOffer(session, List.copyOf(codecs), SdpOfferWriter.TELEPHONE_EVENT_PAYLOAD_TYPE, true);
    }

    /** See {@link RtpMediaEngine#offer(MediaSession)}. */
    String reOffer(MediaSession session) {
        MediaParameters current = session.parameters();
        if (current == null) {
            throw new IllegalStateException("a re-offer needs a started session");
        }
        int te = current.telephoneEventPayloadType() < 0
                ? SdpOfferWriter.TELEPHONE_EVENT_PAYLOAD_TYPE : current.telephoneEventPayloadType();
        return writeOffer(session, List.of(current.codec()), te, false);
    }

    private String writeOffer(MediaSession session, List<Codec> codecs, int telephoneEvent, boolean newVersion) {
        long sessionId;
        long version;
        if (session instanceof RtpSession rtp) {
            sessionId = rtp.sdp().sessionId();
            version = newVersion ? rtp.sdp().nextVersion() : rtp.sdp().currentVersion();
            rtp.sdp().offered(codecs);
        } else {
            sessionId = random.nextLong() & Long.MAX_VALUE;
            version = 1;
        }
        return offerWriter.write(codecs, telephoneEvent, advertisedAddress,
                session.localRtpAddress().getPort(), sessionId, version, Direction.SENDRECV);
    }

    /** See {@link RtpMediaEngine#acceptAnswer}. */
    MediaParameters acceptAnswer(String answerSdp, MediaSession session) throws SdpException {
        Negotiation negotiation = negotiator.negotiate(sdpParser.parse(answerSdp));
        if (session instanceof RtpSession rtp) {
            List<Codec> offered = rtp.sdp().offeredCodecs();
            if (!offered.isEmpty() && !offered.contains(negotiation.parameters().codec())) {
                throw new SdpException("the answer chose " + negotiation.parameters().codec()
                        + ", which we did not offer (offered " + offered + ")", false);
            }
            applyDirection(rtp, negotiation);
        }
        if (session.parameters() != null) {
            session.update(negotiation.parameters());
        }
        return negotiation.parameters();
    }

    /**
     * We send only when our side's direction is sendrecv or sendonly and the peer's address is
     * not 0.0.0.0 (the old RFC 2543 hold); we watch the media timeout only when not on hold.
     */
    private static void applyDirection(RtpSession rtp, Negotiation negotiation) {
        Direction d = negotiation.direction();
        InetSocketAddress remote = negotiation.parameters().remoteRtp();
        boolean nullAddress = remote != null && !remote.isUnresolved() && remote.getAddress().isAnyLocalAddress();
        boolean send = !nullAddress && (d == Direction.SENDRECV || d == Direction.SENDONLY);
        rtp.applyDirection(send, !nullAddress && d == Direction.SENDRECV);
    }
}
