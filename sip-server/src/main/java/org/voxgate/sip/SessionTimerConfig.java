package org.voxgate.sip;

import java.time.Duration;

/**
 * Session timer settings (RFC 4028), validated once.
 *
 * <p>RFC 4028 puts the floor for Min-SE at 90 s; a lower {@code minSe} is accepted so tests
 * can run timers in seconds, and should not be used in production.
 *
 * @param enabled whether we offer and honour session timers; when false, Session-Expires in
 *     requests is ignored (the caller's own timer may still end the call)
 * @param sessionExpires the interval we ask for and the largest we accept
 * @param minSe the smallest interval we accept; smaller requests get 422 with this value
 */
public record SessionTimerConfig(boolean enabled, Duration sessionExpires, Duration minSe) {

    public SessionTimerConfig {
        if (minSe == null || minSe.toSeconds() < 1) {
            throw new IllegalArgumentException("sip.session-timer.min-se-seconds must be at least 1");
        }
        if (sessionExpires == null || sessionExpires.compareTo(minSe) < 0) {
            throw new IllegalArgumentException("sip.session-timer.expires-seconds must be at least min-se-seconds");
        }
    }

    /** RFC 4028's recommended values: 1800 s asked for, 90 s minimum. */
    public static SessionTimerConfig defaults() {
        return new SessionTimerConfig(true, Duration.ofSeconds(1800), Duration.ofSeconds(90));
    }
}
