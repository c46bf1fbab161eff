package org.voxgate.media;

/**
 * RTCP multiplexing (RFC 5761 section 5.1.1) in SDP offer/answer: whether the offer's audio
 * section carries {@code a=rtcp-mux}, and adding it to the audio section of our answer. Kept
 * apart from the SDP parser and writers, which know nothing of RTCP, so that accepting mux
 * needs no change to them.
 *
 * <p>Stateless and thread-safe.
 */
final class RtcpMuxSdp {
    private static final String ATTRIBUTE = "a=rtcp-mux";

    private RtcpMuxSdp() {}

    /** True when the {@code mediaIndex}-th {@code m=} section of the offer asks for RTCP-mux. */
    static boolean offered(String sdp, int mediaIndex) {
        int section = -1;
        for (String line : sdp.split("\r?\n")) {
            String l = line.trim();
            if (l.startsWith("m=")) {
                section++;
            } else if (section == mediaIndex && l.equals(ATTRIBUTE)) {
                return true;
            }
        }
        return false;
    }

    /** The answer with {@code a=rtcp-mux} at the end of its audio section on {@code localPort}. */
    static String accept(String answer, int localPort) {
        int audio = answer.indexOf("m=audio " + localPort + " ");
        if (audio < 0) {
            return answer;
        }
        int next = answer.indexOf("\r\nm=", audio);
        int insertAt = next < 0 ? answer.length() : next + 2;
        return answer.substring(0, insertAt) + ATTRIBUTE + "\r\n" + answer.substring(insertAt);
    }
}
