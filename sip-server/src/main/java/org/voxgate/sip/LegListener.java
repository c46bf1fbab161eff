package org.voxgate.sip;

/**
 * What a {@link UacLeg} reports to whoever placed it (an {@link OutboundSipCall}, or a
 * transfer). Called on SIP worker threads, one event at a time per leg.
 */
interface LegListener {
    /** A 1xx other than 100 arrived; {@code sdp} is its body when it carries SDP (183 early media), else null. */
    void provisional(UacLeg leg, int status, String sdp);

    /**
     * A 2xx arrived and the leg has ACKed it. Return true to keep the dialog; false (another
     * leg won, or the call is over) and the leg sends BYE at once.
     */
    boolean answered(UacLeg leg, String sdp);

    /** The leg ended without an answer: final status 300-699, or 408 when nothing answered. */
    void failed(UacLeg leg, int status);
}
