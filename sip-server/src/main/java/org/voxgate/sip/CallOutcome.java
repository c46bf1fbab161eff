package org.voxgate.sip;

/**
 * How the setup of a call ended, recorded on the call beside its end reason. For calls we
 * place, final failures map from the SIP status (RFC 3261 21) as carriers use them.
 */
public enum CallOutcome {
    /** A 2xx arrived (or, inbound, we answered). */
    ANSWERED,
    /** 486 Busy Here or 600 Busy Everywhere. */
    BUSY,
    /** 408 Request Timeout, 480 Temporarily Unavailable, or our ring timeout expired. */
    NO_ANSWER,
    /** 603 Decline. */
    REJECTED,
    /** We cancelled it before answer (aborted through the API, or shutdown). */
    CANCELLED,
    /** Any other final failure. */
    FAILED;

    /** The outcome of a final non-2xx status to our INVITE. */
    public static CallOutcome fromStatus(int status) {
        if (status >= 200 && status < 300) {
            return ANSWERED;
        }
        return switch (status) {
            case 486, 600 -> BUSY;
            case 408, 480 -> NO_ANSWER;
            case 603 -> REJECTED;
            default -> FAILED;
        };
    }

    /**
     * Which of two failures a forked call reports: the more specific answer a person gave
     * (busy, declined) over a timeout, and either over a plain failure.
     */
    static int preferredStatus(int a, int b) {
        return rank(fromStatus(b)) > rank(fromStatus(a)) ? b : a;
    }

    private static int rank(CallOutcome outcome) {
        return switch (outcome) {
            case REJECTED -> 4;
            case BUSY -> 3;
            case NO_ANSWER -> 2;
            case FAILED -> 1;
            default -> 0;
        };
    }
}
