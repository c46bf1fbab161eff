package org.voxgate.sip;

/**
 * Settings for in-dialog behaviour, transports beyond UDP/TCP and overload protection, kept
 * beside {@link SipConfig} so the basic signalling settings stay small.
 *
 * @param sessionTimer RFC 4028 session timers
 * @param tls the TLS listening point (used when {@code sip.transports} names tls)
 * @param overload call limit and per-source request rate limit
 */
public record DialogConfig(SessionTimerConfig sessionTimer, TlsConfig tls, OverloadConfig overload) {

    public DialogConfig {
        if (sessionTimer == null || tls == null || overload == null) {
            throw new IllegalArgumentException("every part of the dialog config is required");
        }
    }

    /** Session timers on with RFC 4028's values, TLS off, no call limit, default rate limit. */
    public static DialogConfig defaults() {
        return new DialogConfig(SessionTimerConfig.defaults(), TlsConfig.disabled(), OverloadConfig.defaults());
    }
}
