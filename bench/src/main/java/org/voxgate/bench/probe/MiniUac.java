package org.voxgate.bench.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Just enough of a SIP user agent client over UDP for the load probe: INVITE with a PCMA
 * offer (retransmitted on the RFC 3261 timer A schedule), ACK of the 2xx, BYE. It learns the
 * answer's RTP address from the SDP and the dialog's remote tag and Contact from the 200.
 *
 * <p>Threading: one probe thread. Not a general SIP stack: no authentication, no forking, no
 * re-INVITE handling; the echo bot needs none of that.
 */
final class MiniUac implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final String localHost;
    private final String callId;
    private final String fromTag;
    private final String service;
    /** The INVITE's branch, shared by its retransmissions and by the ACK of a non-2xx answer. */
    private final String inviteBranch;
    private String toHeader;
    private String remoteTarget;
    private InetSocketAddress remoteRtp;

    MiniUac(InetSocketAddress server, String service) throws IOException {
        this.server = server;
        this.service = service;
        this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
        this.localHost = server.getAddress().getHostAddress();
        long id = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        this.callId = "probe-" + Long.toHexString(id) + "@" + localHost;
        this.fromTag = Long.toHexString(id >>> 20);
        this.inviteBranch = "z9hG4bKinv" + fromTag;
    }

    String callId() { return callId; }

    /** The RTP address the server answered with. */
    InetSocketAddress remoteRtp() { return remoteRtp; }

    /**
     * Sends the INVITE and waits for a final response; on 2xx sends the ACK.
     *
     * @return the final status code, or 0 if none came within the timeout
     */
    int invite(int localRtpPort, long timeoutMillis) throws IOException {
        String sdp = "v=0\r\no=probe 1 1 IN IP4 " + localHost + "\r\ns=-\r\nc=IN IP4 " + localHost
                + "\r\nt=0 0\r\nm=audio " + localRtpPort + " RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=ptime:20\r\n";
        String uri = "sip:" + service + "@" + server.getAddress().getHostAddress() + ":" + server.getPort();
        String invite = request("INVITE", uri, 1, inviteBranch, "To: <" + uri + ">", sdp);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long retransmit = 500;
        long nextSend = 0;
        while (System.currentTimeMillis() < deadline) {
            long now = System.currentTimeMillis();
            if (now >= nextSend) {
                send(invite);
                nextSend = now + retransmit;
                retransmit = Math.min(retransmit * 2, 4000);
            }
            String reply = receive((int) Math.max(1, Math.min(nextSend, deadline) - now));
            if (reply == null || !reply.startsWith("SIP/2.0 ") || !reply.contains("INVITE")) {
                continue;
            }
            int status = Integer.parseInt(reply.substring(8, 11));
            if (status < 200) {
                retransmit = Long.MAX_VALUE / 4; // provisional: the server has it, stop resending
                nextSend = deadline;
                continue;
            }
            toHeader = header(reply, "To");
            if (status < 300) {
                String contact = header(reply, "Contact");
                int lt = contact.indexOf('<');
                remoteTarget = lt >= 0 ? contact.substring(lt + 1, contact.indexOf('>', lt)) : contact.trim();
                remoteRtp = rtpAddress(reply);
                send(request("ACK", remoteTarget, 1, newBranch(), "To: " + toHeader, null));
            } else {
                send(request("ACK", uri, 1, inviteBranch, "To: " + toHeader, null)); // part of the INVITE transaction
            }
            return status;
        }
        return 0;
    }

    /** Sends BYE and waits for its final response; returns the status or 0 on timeout. */
    int bye(long timeoutMillis) throws IOException {
        String bye = request("BYE", remoteTarget, 2, newBranch(), "To: " + toHeader, null);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long nextSend = 0;
        while (System.currentTimeMillis() < deadline) {
            long now = System.currentTimeMillis();
            if (now >= nextSend) {
                send(bye);
                nextSend = now + 500;
            }
            String reply = receive((int) Math.max(1, nextSend - now));
            if (reply != null && reply.startsWith("SIP/2.0 ") && reply.contains(" BYE")) {
                int status = Integer.parseInt(reply.substring(8, 11));
                if (status >= 200) {
                    return status;
                }
            } else if (reply != null && reply.contains("INVITE") && reply.startsWith("SIP/2.0 2")) {
                send(request("ACK", remoteTarget, 1, newBranch(), "To: " + toHeader, null)); // a late 200 retransmission
            }
        }
        return 0;
    }

    private static String newBranch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private String request(String method, String uri, int cseq, String branch, String to, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.US_ASCII);
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(uri).append(" SIP/2.0\r\n")
          .append("Via: SIP/2.0/UDP ").append(localHost).append(':').append(socket.getLocalPort())
          .append(";branch=").append(branch).append(";rport\r\n")
          .append("Max-Forwards: 70\r\n")
          .append("From: <sip:probe@").append(localHost).append(">;tag=").append(fromTag).append("\r\n")
          .append(to).append("\r\n")
          .append("Call-ID: ").append(callId).append("\r\n")
          .append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n")
          .append("Contact: <sip:probe@").append(localHost).append(':').append(socket.getLocalPort()).append(">\r\n");
        if (body != null) {
            sb.append("Content-Type: application/sdp\r\n");
        }
        sb.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        return body == null ? sb.toString() : sb + body;
    }

    private void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    private String receive(int timeoutMillis) throws IOException {
        byte[] buf = new byte[8192];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(timeoutMillis);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(buf, 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    /** The value of the first header with this name (or its compact form for To/Contact). */
    static String header(String message, String name) {
        String compact = switch (name) {
            case "To" -> "t";
            case "Contact" -> "m";
            default -> name;
        };
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String n = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (n.equals(name.toLowerCase(Locale.ROOT)) || n.equals(compact)) {
                    return line.substring(colon + 1).trim();
                }
            }
            if (line.isEmpty()) {
                break;
            }
        }
        throw new IllegalStateException("no " + name + " header in:\n" + message);
    }

    private static InetSocketAddress rtpAddress(String message) {
        String body = message.substring(message.indexOf("\r\n\r\n") + 4);
        String host = null;
        int port = -1;
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("c=IN IP4 ")) {
                host = line.substring(9).trim();
            } else if (line.startsWith("m=audio ")) {
                port = Integer.parseInt(line.split(" ")[1]);
            }
        }
        if (host == null || port <= 0) {
            throw new IllegalStateException("no audio address in the answer:\n" + body);
        }
        return new InetSocketAddress(host, port);
    }

    @Override
    public void close() {
        socket.close();
    }
}
