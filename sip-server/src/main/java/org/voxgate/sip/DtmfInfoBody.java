package org.voxgate.sip;

import java.util.Locale;

/**
 * Reads the DTMF a SIP INFO carries: {@code application/dtmf-relay} (Cisco style,
 * {@code Signal=5} and {@code Duration=160} lines) and {@code application/dtmf} (the bare key,
 * {@code 5}). Keys: {@code 0-9 * # A-D}; the event numbers 10-15 of RFC 4733 are accepted for
 * {@code * # A-D} as some gateways send them.
 *
 * <p>Threading: stateless; thread-safe.
 */
final class DtmfInfoBody {
    /** The duration assumed when the body names none, a typical key press. */
    static final int DEFAULT_DURATION_MILLIS = 160;
    private static final String KEYS = "0123456789*#ABCD";

    /** One key press. */
    record Digit(char key, int durationMillis) {}

    private DtmfInfoBody() {}

    /** True for the two content types this class reads. */
    static boolean isDtmf(String type, String subType) {
        return "application".equalsIgnoreCase(type)
                && ("dtmf-relay".equalsIgnoreCase(subType) || "dtmf".equalsIgnoreCase(subType));
    }

    /**
     * Parses a body of one of the DTMF types.
     *
     * @return the digit, or null when the body names no valid key
     */
    static Digit parse(String subType, String body) {
        if (body == null) {
            return null;
        }
        if ("dtmf".equalsIgnoreCase(subType)) {
            char key = key(body.trim());
            return key == 0 ? null : new Digit(key, DEFAULT_DURATION_MILLIS);
        }
        char key = 0;
        int duration = DEFAULT_DURATION_MILLIS;
        for (String line : body.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).trim();
            if (name.equals("signal")) {
                key = key(value);
            } else if (name.equals("duration")) {
                try {
                    int d = Integer.parseInt(value);
                    if (d > 0 && d <= 60_000) {
                        duration = d;
                    }
                } catch (NumberFormatException e) {
                    // keep the default: the key matters, the length hardly
                }
            }
        }
        return key == 0 ? null : new Digit(key, duration);
    }

    private static char key(String value) {
        if (value.length() == 1) {
            char c = Character.toUpperCase(value.charAt(0));
            return KEYS.indexOf(c) >= 0 ? c : 0;
        }
        try {
            int event = Integer.parseInt(value);
            return event >= 10 && event <= 15 ? KEYS.charAt(event) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
