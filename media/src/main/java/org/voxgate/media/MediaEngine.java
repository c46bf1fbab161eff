package org.voxgate.media;

import java.util.List;

/**
 * Owns the RTP sockets, port range and pacing clock of one node, and negotiates SDP.
 *
 * <p>Threading: all methods are thread-safe. Ownership: the application creates one engine,
 * and closes it at shutdown after every session is closed.
 */
public interface MediaEngine extends AutoCloseable {

    /**
     * Reserves a port pair and binds it.
     *
     * @throws MediaException when no port pair is free or binding fails
     */
    MediaSession open(String callId) throws MediaException;

    /**
     * Builds the SDP answer for a caller's offer, for the given session's local address.
     *
     * @throws SdpException when the offer cannot be parsed ({@link SdpException#isMalformed()})
     *     or shares no codec with us
     */
    default SdpAnswer answer(String offerSdp, MediaSession session) throws SdpException {
        return answer(offerSdp, session, null);
    }

    /**
     * Builds the SDP answer for a caller's offer, choosing the codec by our preference among
     * what the offer has (see {@link org.voxgate.media.sdp.SdpNegotiator} for why ours and not
     * the offer's).
     *
     * @param preference codecs we accept, most preferred first (the trunk's, bot's or node's
     *     list); {@code null} accepts every codec we support in the offer's own order
     * @throws SdpException when the offer cannot be parsed ({@link SdpException#isMalformed()})
     *     or shares no codec with {@code preference}
     */
    SdpAnswer answer(String offerSdp, MediaSession session, List<Codec> preference) throws SdpException;

    /**
     * Builds the first SDP offer of a call we place (UAC), for the session's local address:
     * one audio section with {@code codecs} in order of preference plus telephone-event. The
     * session remembers what was offered, so {@link #acceptAnswer} holds the answer to it.
     *
     * @param codecs codecs to offer, most preferred first; at least one
     */
    String offer(MediaSession session, List<Codec> codecs);

    /**
     * Builds a re-offer for a running session: the codec in use, with the same {@code o=}
     * version as our last SDP (a re-INVITE without SDP, a session refresh).
     *
     * @throws IllegalStateException when the session has not been started
     */
    String offer(MediaSession session);

    /**
     * Applies the peer's answer to our last offer ({@link #offer}) to the session: only a codec
     * we offered is accepted (RFC 3264 section 6), its direction decides whether we send, and a
     * started session's codec and address are updated as by {@link MediaSession#update}.
     *
     * @return the parameters the answer settles (pass them to {@link MediaSession#start} when
     *     the session is not started yet)
     * @throws SdpException when the answer cannot be parsed ({@link SdpException#isMalformed()})
     *     or picks nothing we offered
     */
    MediaParameters acceptAnswer(String answerSdp, MediaSession session) throws SdpException;

    /** Sessions open now. */
    int activeSessions();

    /** Ports (RTP and RTCP) bound now. */
    int allocatedPorts();

    /** RTP packets received since start, all sessions. */
    long packetsIn();

    /** RTP packets sent since start, all sessions. */
    long packetsOut();

    /** True once sockets can be bound and the pacer runs. */
    boolean isReady();

    @Override
    void close();
}
