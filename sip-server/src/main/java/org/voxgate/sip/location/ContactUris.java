package org.voxgate.sip.location;

/**
 * Reads the host and port out of a SIP URI's text without a full parser, for the NAT test
 * on bindings restored from the store.
 *
 * <p>Stateless.
 */
final class ContactUris {
    private ContactUris() {}

    /** "host:port" (or "host", or "[v6]:port") of a sip/sips URI; null when it is not one. */
    static String hostPort(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String scheme = uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            return null;
        }
        String rest = uri.substring(colon + 1);
        int at = rest.lastIndexOf('@', firstOf(rest, ";?>"));
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        int end = firstOf(rest, ";?>");
        String hostPort = rest.substring(0, end);
        return hostPort.isEmpty() ? null : hostPort;
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
