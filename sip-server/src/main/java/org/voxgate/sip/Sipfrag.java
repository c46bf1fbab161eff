package org.voxgate.sip;

import java.nio.charset.StandardCharsets;

/**
 * The status line of a {@code message/sipfrag} body (RFC 3420), as carried by the NOTIFYs of a
 * REFER subscription (RFC 3515): only the first line matters, for example
 * {@code SIP/2.0 180 Ringing}.
 *
 * @param status the SIP status code
 * @param reason the reason phrase, possibly empty
 */
record Sipfrag(int status, String reason) {

    /** The body for a status line, with the CRLF RFC 3420 asks for. */
    static String body(int status, String reason) {
        return "SIP/2.0 " + status + " " + SipContext.quotable(reason) + "\r\n";
    }

    /**
     * Parses the first line of a sipfrag body.
     *
     * @throws IllegalArgumentException when the body does not start with a SIP status line
     */
    static Sipfrag parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("empty sipfrag body");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        String line = (eol < 0 ? text : text.substring(0, eol)).trim();
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].equalsIgnoreCase("SIP/2.0") || !parts[1].matches("[1-6][0-9][0-9]")) {
            throw new IllegalArgumentException("not a SIP status line: " + SipContext.quotable(line));
        }
        return new Sipfrag(Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : "");
    }
}
