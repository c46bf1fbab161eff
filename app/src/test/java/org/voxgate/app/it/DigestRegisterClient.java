package org.voxgate.app.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SIP registering client for the cases no installed peer covers: it answers
 * SHA-256 digest challenges (SIPp 3.6.1 and baresip 1.0 speak only MD5) and can replay a
 * request byte for byte. Its digest arithmetic is written out here from RFC 7616, on
 * purpose not borrowed from the server's code, so the two check each other.
 */
final class DigestRegisterClient implements AutoCloseable {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private final DatagramSocket socket;
    private final int serverPort;
    private final String callId = UUID.randomUUID() + "@it-client";
    private int cseq;

    DigestRegisterClient(int serverPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.socket.setSoTimeout(5000);
        this.serverPort = serverPort;
    }

    /** A REGISTER for {@code user} with the given Contact and Expires, plus extra header lines. */
    String register(String user, String contact, int expires, String extraHeaders) {
        cseq++;
        return "REGISTER sip:127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";rport;branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=it" + cseq + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\n"
                + "Contact: " + contact + "\r\nExpires: " + expires + "\r\nMax-Forwards: 70\r\n"
                + "User-Agent: voxgate-it-client\r\n" + extraHeaders + "Content-Length: 0\r\n\r\n";
    }

    /** Sends a message and returns the next response (skipping any request the server sends us). */
    String exchange(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", serverPort)));
        byte[] buffer = new byte[8192];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new IOException("no answer to\n" + message, e);
            }
            String text = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
            if (text.startsWith("SIP/2.0 ")) {
                return text;
            }
        }
    }

    /** The same message with a new Via branch: a new transaction, not a retransmission. */
    static String withNewBranch(String message) {
        return message.replaceFirst("branch=z9hG4bK[^\\r\\n;]*", "branch=z9hG4bK" + UUID.randomUUID());
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }

    /** Every WWW-Authenticate value of a response. */
    static List<String> challenges(String response) {
        List<String> out = new ArrayList<>();
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "WWW-Authenticate:", 0, 17)) {
                out.add(line.substring(17).strip());
            }
        }
        return out;
    }

    static String param(String challenge, String name) {
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return m.group(2) != null ? m.group(2) : m.group(3);
            }
        }
        return null;
    }

    /**
     * The Authorization header line answering {@code challenge} with qop=auth, RFC 7616 3.4.1:
     * response = H(H(user:realm:password):nonce:nc:cnonce:auth:H(REGISTER:uri)).
     */
    String authorization(String challenge, String user, String password, int nonceCount) {
        String algorithm = param(challenge, "algorithm");
        String jca = "SHA-256".equalsIgnoreCase(algorithm) ? "SHA-256" : "MD5";
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String uri = "sip:127.0.0.1:" + serverPort;
        String nc = String.format("%08x", nonceCount);
        String cnonce = UUID.randomUUID().toString().substring(0, 8);
        String ha1 = hash(jca, user + ":" + realm + ":" + password);
        String ha2 = hash(jca, "REGISTER:" + uri);
        String response = hash(jca, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Authorization: Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"\r\n";
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
