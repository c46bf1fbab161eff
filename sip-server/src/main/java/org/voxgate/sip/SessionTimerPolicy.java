package org.voxgate.sip;

import java.util.Locale;

/**
 * The arithmetic of RFC 4028 session timers for the side that answers a request (INVITE,
 * re-INVITE or UPDATE): whether the interval asked for is acceptable, which interval and
 * refresher the answer names, and when the refresher refreshes and the other side gives up.
 *
 * <p>Threading: immutable; thread-safe.
 */
final class SessionTimerPolicy {
    /** Who refreshes, named as in the {@code refresher} parameter. */
    enum Refresher { UAC, UAS }

    /** What to do with a request's Session-Expires. */
    sealed interface Decision {}

    /** The interval is below our Min-SE: answer 422 with {@code minSe}. */
    record TooSmall(int minSe) implements Decision {}

    /** No session timer for this session. */
    record NoTimer() implements Decision {}

    /**
     * Run a timer of {@code interval} seconds; {@code refresher} is relative to the request
     * being answered (UAC is the peer that sent it).
     */
    record Timer(int interval, Refresher refresher) implements Decision {
        /** The Session-Expires header value for the answer. */
        String headerValue() {
            return interval + ";refresher=" + refresher.name().toLowerCase(Locale.ROOT);
        }
    }

    private final SessionTimerConfig config;

    SessionTimerPolicy(SessionTimerConfig config) {
        this.config = config;
    }

    int minSe() { return (int) config.minSe().toSeconds(); }

    int sessionExpires() { return (int) config.sessionExpires().toSeconds(); }

    boolean enabled() { return config.enabled(); }

    /**
     * Decides for one request (RFC 4028 section 9).
     *
     * @param requested the request's Session-Expires delta-seconds, or null when absent
     * @param refresher the request's refresher parameter ({@code uac}/{@code uas}), or null
     * @param requestMinSe the request's Min-SE, or null when absent
     * @param uacSupportsTimer whether the request lists {@code timer} in Supported or Require
     */
    Decision decide(Integer requested, String refresher, Integer requestMinSe, boolean uacSupportsTimer) {
        if (!config.enabled()) {
            return new NoTimer();
        }
        int floor = Math.max(minSe(), requestMinSe == null ? 0 : requestMinSe);
        int interval;
        if (requested != null) {
            if (requested < minSe()) {
                return new TooSmall(minSe());
            }
            // we may shorten what the caller asks for, never below either side's minimum
            interval = Math.min(requested, Math.max(sessionExpires(), floor));
        } else {
            interval = Math.max(sessionExpires(), floor);
        }
        Refresher who;
        if ("uac".equalsIgnoreCase(refresher) && uacSupportsTimer) {
            who = Refresher.UAC;
        } else if ("uas".equalsIgnoreCase(refresher) || !uacSupportsTimer) {
            // a caller that does not know timers cannot be made to refresh: we do
            who = Refresher.UAS;
        } else {
            who = Refresher.UAC; // unspecified and the caller can: let it (RFC 4028 9)
        }
        return new Timer(interval, who);
    }

    /** When the refresher sends its refresh: half the interval (RFC 4028 section 10). */
    static long refreshDelayMillis(int interval) {
        return interval * 1000L / 2;
    }

    /**
     * When the side that does not refresh gives up and sends BYE: the interval less a third
     * of it or 32 s, whichever is smaller (RFC 4028 section 10).
     */
    static long expiryDelayMillis(int interval) {
        long millis = interval * 1000L;
        return millis - Math.min(32_000L, millis / 3);
    }

    /**
     * Reads a Session-Expires or Min-SE value ({@code 1800;refresher=uac}): the delta-seconds,
     * or null when missing or not a number.
     */
    static Integer deltaSeconds(String value) {
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        String number = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
        try {
            long seconds = Long.parseLong(number);
            return seconds < 0 ? null : (int) Math.min(seconds, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The refresher parameter of a Session-Expires value, lower case, or null. */
    static String refresherParam(String value) {
        if (value == null) {
            return null;
        }
        for (String part : value.split(";")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("refresher=")) {
                return p.substring("refresher=".length()).trim();
            }
        }
        return null;
    }
}
