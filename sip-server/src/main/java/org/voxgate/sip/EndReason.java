package org.voxgate.sip;

import java.util.Locale;

/** Why a call ended; recorded on the call and used as a metric label. */
public enum EndReason {
    /** The caller sent BYE. */
    CALLER_HANGUP,
    /** The bot finished its flow and hung up. */
    BOT_HANGUP,
    /** The bot could not run (a native library is missing) and hung up. */
    BOT_UNAVAILABLE,
    /** The caller cancelled before answer. */
    CANCELLED,
    /** No RTP arrived for the configured media timeout. */
    MEDIA_TIMEOUT,
    /** The offer shared no codec with us (488). */
    NO_COMMON_CODEC,
    /** The application refused the call, or the offer was unusable. */
    REJECTED,
    /** The caller never acknowledged our 200 OK. */
    NO_ACK,
    /** The caller was handed to someone else (REFER accepted, or joined to another call). */
    TRANSFERRED,
    /** The session timer (RFC 4028) ran out, or a session refresh failed. */
    SESSION_TIMEOUT,
    /** The node was shutting down. */
    SHUTDOWN,
    /** An internal error ended the call. */
    ERROR,
    /** The party we called sent BYE. */
    CALLEE_HANGUP,
    /** An operator ended the call through the API (CANCEL before answer, BYE after). */
    ADMIN_HANGUP,
    /** A call we placed was never answered; its outcome says why (busy, no answer, ...). */
    NOT_ANSWERED,
    /** The call reached its bot's longest allowed length ({@code maxCallSeconds}). */
    MAX_DURATION,
    /** A call we placed reached an answering machine (after the message, if one was left). */
    ANSWERING_MACHINE;

    /** Lower-case form used in records and metrics, for example {@code caller_hangup}. */
    public String code() { return name().toLowerCase(Locale.ROOT); }
}
