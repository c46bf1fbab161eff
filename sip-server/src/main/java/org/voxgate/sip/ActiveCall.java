package org.voxgate.sip;

import java.util.Map;
import org.voxgate.media.MediaSession;

/**
 * An answered call as the application sees it.
 *
 * <p>Threading: all methods are thread-safe; {@link #hangup} returns at once and the BYE is
 * sent on a SIP-layer thread.
 */
public interface ActiveCall {
    String callId();

    String from();

    String to();

    /** The bot the application chose for this call. */
    String bot();

    /** The call's media session; owned by the SIP layer, which closes it when the call ends. */
    MediaSession media();

    /** Ends the call with a BYE and records {@code reason}. Idempotent. */
    void hangup(EndReason reason);

    /**
     * Blind transfer (RFC 3515): asks the caller's side, by REFER, to call {@code referToUri}
     * itself, and follows the progress it reports in NOTIFYs. Returns at once; the outcome
     * reaches {@code observer}. A second transfer while one is under way fails at once with 491.
     *
     * @param referToUri a SIP URI such as {@code sip:+15551234567@carrier.example}
     */
    void refer(String referToUri, TransferObserver observer);
    /** Where the call's INVITE came from (inbound calls); null for calls we placed. */
    default java.net.InetSocketAddress source() { return null; }

    /** {@code inbound} (we answered) or {@code outbound} (we placed it). */
    default String direction() { return "inbound"; }

    /** The trunk the call came in on or went out through, or null. */
    default String trunk() { return null; }

    /** Values the placer of an outbound call gave for the bot; empty for inbound calls. */
    default Map<String, String> variables() { return Map.of(); }
}
