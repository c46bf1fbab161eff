package org.voxgate.sip;

/**
 * How the application reports, for a REFER it received ({@link CallHandler#onReferred}), what
 * happened to the call the REFER asked for; each report becomes a NOTIFY with a
 * {@code message/sipfrag} status line (RFC 3515 section 2.4.5) to the party that sent the
 * REFER.
 *
 * <p>Threading: thread-safe; reports after the first final one are ignored.
 */
public interface ReferProgress {
    /**
     * @param status a SIP status: 1xx while the new call is under way, 2xx when it was
     *     answered, 3xx-6xx when it failed; a final status ends the implicit subscription
     */
    void report(int status, String reason);
}
