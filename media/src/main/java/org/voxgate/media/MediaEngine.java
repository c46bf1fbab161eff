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
    SdpAnswer answer(String offerSdp, MediaSession session) throws SdpException;

    /**
     * Builds the SDP offer for a call we place (UAC), for the given session's local address:
     * one audio section with {@code codecs} in order of preference plus telephone-event.
     *
     * @param codecs codecs to offer, most preferred first; at least one
     */
    String offer(MediaSession session, List<Codec> codecs);

    /**
     * Reads the peer's SDP answer to an {@link #offer} made for {@code session} and returns the
     * parameters to {@link MediaSession#start} it with. Only a codec among {@code offered} is
     * accepted (RFC 3264 6: an answer must pick from the offer).
     *
     * @throws SdpException when the answer cannot be parsed ({@link SdpException#isMalformed()})
     *     or picks nothing we offered
     */
    MediaParameters acceptAnswer(String answerSdp, MediaSession session, List<Codec> offered) throws SdpException;

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
