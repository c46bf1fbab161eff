package org.voxgate.sip.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the value of a Digest credentials or challenge header ({@code Digest a=b, c="d"})
 * into lower-case parameter names and unquoted values. Written by hand rather than read from
 * JAIN-SIP's header objects so the exact text of every value (nc, uri) is what the peer
 * hashed, whatever the stack's parser normalises.
 *
 * <p>Stateless.
 */
final class AuthParams {
    private AuthParams() {}

    /**
     * The parameters of a header value whose scheme is Digest; empty for another scheme or a
     * value that does not parse. A leading {@code Name:} (a whole header line) is skipped.
     */
    static Optional<Map<String, String>> parseDigest(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        int colon = text.indexOf(':');
        int space = text.indexOf(' ');
        if (colon > 0 && (space < 0 || colon < space)) {
            text = text.substring(colon + 1).strip(); // "WWW-Authenticate: Digest ..."
        }
        if (text.length() < 7 || !text.regionMatches(true, 0, "Digest", 0, 6)
                || !Character.isWhitespace(text.charAt(6))) {
            return Optional.empty();
        }
        return parseParams(text.substring(7));
    }

    private static Optional<Map<String, String>> parseParams(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder val = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        val.append(text.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        val.append(c);
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
            } else {
                while (i < n && text.charAt(i) != ',') {
                    val.append(text.charAt(i++));
                }
            }
            if (name.isEmpty() || params.putIfAbsent(name, val.toString().strip()) != null) {
                return Optional.empty(); // a repeated parameter is ambiguous: refuse it
            }
        }
        return Optional.of(params);
    }

    /** A value as a quoted string, escaping backslash and double quote. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
