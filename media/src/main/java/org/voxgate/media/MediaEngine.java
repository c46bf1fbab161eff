package org.voxgate.media;

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
    SdpAnswer answer(String offerSdp, MediaSession session) throws SdpException;

    /**
     * Builds an SDP offer for the session: before {@link MediaSession#start} every codec we
     * support (an outgoing call); after it, the codec in use (a re-INVITE without SDP, a
     * session refresh), with the same {@code o=} version as our last SDP.
     */
    String offer(MediaSession session);

    /**
     * Applies the remote answer to an offer of ours (from {@link #offer}) to the session: its
     * direction decides whether we send; once the session is started its codec and address
     * are updated as by {@link MediaSession#update}.
     *
     * @return the parameters the answer settles (pass them to {@link MediaSession#start} when
     *     the session is not started yet)
     * @throws SdpException when the answer cannot be parsed or names no codec we support
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
