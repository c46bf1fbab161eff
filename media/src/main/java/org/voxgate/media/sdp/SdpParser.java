package org.voxgate.media.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.voxgate.media.SdpException;

/**
 * Parses the parts of an SDP offer (RFC 4566) that audio offer/answer needs. Accepts LF or
 * CRLF line ends and ignores line types and attributes it does not know, because real
 * offers carry plenty of both. Structural faults (no {@code v=} first, a line that is not
 * {@code <type>=<value>}, a bad {@code m=} or {@code c=} line, no media at all, or an active
 * stream without a connection address) raise {@link SdpException} with
 * {@code malformed = true}.
 *
 * <p>Threading: stateless; {@link #parse} is thread-safe.
 */
public final class SdpParser {

    /** Parses an offer. */
    public SessionDescription parse(String sdp) throws SdpException {
        if (sdp == null || sdp.isBlank()) {
            throw malformed("empty SDP");
        }
        String sessionConnection = null;
        Direction sessionDirection = null;
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean first = true;

        for (String raw : sdp.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw malformed("not an SDP line: " + abbreviate(line));
            }
            char type = line.charAt(0);
            String value = line.substring(2).trim();
            if (first) {
                if (type != 'v' || !value.equals("0")) {
                    throw malformed("SDP must start with v=0");
                }
                first = false;
                continue;
            }
            switch (type) {
                case 'm' -> {
                    if (current != null) {
                        media.add(current.build());
                    }
                    current = parseMediaLine(value);
                }
                case 'c' -> {
                    String address = parseConnection(value);
                    if (current == null) {
                        sessionConnection = address;
                    } else {
                        current.connectionAddress = address;
                    }
                }
                case 'a' -> {
                    if (current == null) {
                        Direction d = Direction.fromAttribute(value);
                        if (d != null) {
                            sessionDirection = d;
                        }
                    } else {
                        current.attribute(value);
                    }
                }
                default -> {
                    // o=, s=, t=, b=, i= and the rest carry nothing audio negotiation needs
                }
            }
        }
        if (current != null) {
            media.add(current.build());
        }
        if (media.isEmpty()) {
            throw malformed("no m= line in SDP");
        }
        for (MediaDescription m : media) {
            if (m.port() != 0 && m.connectionAddress() == null && sessionConnection == null) {
                throw malformed("no connection address for m=" + m.media());
            }
        }
        return new SessionDescription(sessionConnection, sessionDirection, media);
    }

    private static MediaBuilder parseMediaLine(String value) throws SdpException {
        String[] tokens = value.split("\\s+");
        if (tokens.length < 4) {
            throw malformed("m= line needs media, port, proto and a format: " + abbreviate(value));
        }
        String portToken = tokens[1];
        int slash = portToken.indexOf('/');
        if (slash >= 0) {
            portToken = portToken.substring(0, slash); // "<port>/<count>" form
        }
        int port = parseInt(portToken, -1);
        if (port < 0 || port > 65535) {
            throw malformed("bad port in m= line: " + tokens[1]);
        }
        MediaBuilder b = new MediaBuilder(tokens[0], port, tokens[2]);
        for (int i = 3; i < tokens.length; i++) {
            b.formats.add(tokens[i]);
        }
        return b;
    }

    private static String parseConnection(String value) throws SdpException {
        String[] tokens = value.split("\\s+");
        if (tokens.length != 3 || !tokens[0].equals("IN")
                || !(tokens[1].equals("IP4") || tokens[1].equals("IP6"))) {
            throw malformed("bad c= line: " + abbreviate(value));
        }
        String address = tokens[2];
        int slash = address.indexOf('/');
        // multicast "/ttl" and "/count" suffixes do not belong to the address itself
        return slash >= 0 ? address.substring(0, slash) : address;
    }

    static int parseInt(String s, int fallback) {
        if (s.isEmpty() || s.length() > 9) {
            return fallback;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return fallback;
            }
        }
        return Integer.parseInt(s);
    }

    private static SdpException malformed(String message) {
        return new SdpException(message, true);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    /** Collects one media section while its lines are read. */
    private static final class MediaBuilder {
        private final String media;
        private final int port;
        private final String proto;
        private final List<String> formats = new ArrayList<>();
        private final Map<Integer, RtpMap> rtpMaps = new HashMap<>();
        private final Map<Integer, String> fmtps = new HashMap<>();
        private String connectionAddress;
        private Direction direction;
        private int ptime;

        MediaBuilder(String media, int port, String proto) {
            this.media = media;
            this.port = port;
            this.proto = proto;
        }

        /** Reads the attributes we use; malformed attribute values are ignored, not fatal. */
        void attribute(String value) {
            Direction d = Direction.fromAttribute(value);
            if (d != null) {
                direction = d;
            } else if (value.startsWith("rtpmap:")) {
                rtpMap(value.substring("rtpmap:".length()));
            } else if (value.startsWith("fmtp:")) {
                String rest = value.substring("fmtp:".length());
                int space = rest.indexOf(' ');
                int pt = parseInt(space < 0 ? rest : rest.substring(0, space), -1);
                if (pt >= 0) {
                    fmtps.put(pt, space < 0 ? "" : rest.substring(space + 1).trim());
                }
            } else if (value.startsWith("ptime:")) {
                ptime = Math.max(0, parseInt(value.substring("ptime:".length()).trim(), 0));
            }
        }

        private void rtpMap(String rest) {
            String[] parts = rest.trim().split("\\s+");
            if (parts.length != 2) {
                return;
            }
            int pt = parseInt(parts[0], -1);
            String[] encoding = parts[1].split("/");
            if (pt < 0 || encoding.length < 2) {
                return;
            }
            int rate = parseInt(encoding[1], -1);
            int channels = encoding.length > 2 ? parseInt(encoding[2], -1) : 1;
            if (rate > 0 && channels > 0) {
                rtpMaps.put(pt, new RtpMap(encoding[0], rate, channels));
            }
        }

        MediaDescription build() {
            return new MediaDescription(media, port, proto, formats, rtpMaps, fmtps,
                    connectionAddress, direction, ptime);
        }
    }
}
