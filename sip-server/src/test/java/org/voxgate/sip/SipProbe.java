package org.voxgate.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A bare-bones SIP peer for tests: sends hand-written requests over UDP and collects the raw
 * responses, so tests can check exactly what went on the wire.
 */
final class SipProbe implements AutoCloseable {
    private final DatagramSocket socket;
    private final int serverPort;

    SipProbe(int serverPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.socket.setSoTimeout(3000);
        this.serverPort = serverPort;
    }

    int port() { return socket.getLocalPort(); }

    void sendRaw(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", serverPort)));
    }

    /** A request with the mandatory headers filled in; {@code extraHeaders} end with CRLF each. */
    String request(String method, String callId, String extraHeaders, String contentType, String body) {
        String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder m = new StringBuilder();
        m.append(method).append(" sip:4000@127.0.0.1:").append(serverPort).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:").append(port()).append(";branch=").append(branch).append("\r\n")
                .append("From: <sip:probe@127.0.0.1>;tag=probe1\r\n")
                .append("To: <sip:4000@127.0.0.1>\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: 1 ").append(method).append("\r\n")
                .append("Contact: <sip:probe@127.0.0.1:").append(port()).append(">\r\n")
                .append("Max-Forwards: 70\r\n")
                .append(extraHeaders);
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            m.append("Content-Type: ").append(contentType).append("\r\n");
        }
        m.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        if (body != null) {
            m.append(body);
        }
        return m.toString();
    }

    /** The next message received, or null after the socket timeout. */
    String receive() throws IOException {
        byte[] buffer = new byte[8192];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** Receives until a final (non-1xx) response arrives; returns every message seen. */
    List<String> receiveUntilFinal() throws IOException {
        List<String> messages = new ArrayList<>();
        while (true) {
            String message = receive();
            if (message == null) {
                return messages;
            }
            messages.add(message);
            if (message.startsWith("SIP/2.0 ") && !message.startsWith("SIP/2.0 1")) {
                return messages;
            }
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }

    static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
