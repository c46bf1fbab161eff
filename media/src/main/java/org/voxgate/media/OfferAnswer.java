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
    SdpAnswer answer(String offerSdp, MediaSession session) throws SdpException {
        SessionDescription offer = sdpParser.parse(offerSdp);
        Negotiation negotiation = negotiator.negotiate(offer);
        long sessionId;
        long version;
        if (session instanceof RtpSession rtp) {
            sessionId = rtp.sdp().sessionId();
            version = rtp.sdp().nextVersion();
            applyDirection(rtp, negotiation);
        } else {
            sessionId = random.nextLong() & Long.MAX_VALUE;
            version = 1;
        }
        String sdp = answerWriter.write(offer, negotiation, advertisedAddress,
                session.localRtpAddress().getPort(), sessionId, version);
        return new SdpAnswer(sdp, negotiation.parameters());
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
