package org.voxgate.media;

import java.util.List;

/**
 * Our side's SDP bookkeeping for one {@link RtpSession}: the {@code o=} session id (fixed for
 * the session's life), the {@code o=} version (increased for every new SDP we write, RFC 3264
 * section 8), and the codecs of our last offer, which an answer must choose among.
 *
 * <p>Threading: thread-safe; offers and answers for one session may be written from different
 * application threads (an INVITE handler, then a re-INVITE's). Ownership: one per session,
 * created and owned by it, read and written by {@link OfferAnswer}.
 */
final class LocalSdpState {
    private final long sessionId;
    private long version;
    private volatile List<Codec> offeredCodecs = List.of();
    private volatile List<Codec> answerPreference;

    /** @param sessionId the {@code o=} session id, non-negative */
    LocalSdpState(long sessionId) {
        this.sessionId = sessionId;
    }

    long sessionId() { return sessionId; }

    /** Increases and returns the {@code o=} version, for an SDP that says something new. */
    synchronized long nextVersion() { return ++version; }

    /** The {@code o=} version of our last SDP, without increasing it (an unchanged offer). */
    synchronized long currentVersion() { return Math.max(1, version); }

    /** Remembers the codecs of an offer we made, for checking the answer to it. */
    void offered(List<Codec> codecs) { this.offeredCodecs = codecs; }

    /** The codecs of our last offer; empty when we never offered (we only answered). */
    List<Codec> offeredCodecs() { return offeredCodecs; }

    /** Remembers the preference a call's first answer was chosen by, for answering re-offers. */
    void answeredBy(List<Codec> preference) { this.answerPreference = preference; }

    /** The preference of the call's first answer, or {@code null} when none was given. */
    List<Codec> answerPreference() { return answerPreference; }
}
