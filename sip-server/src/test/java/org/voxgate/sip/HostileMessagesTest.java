package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage, binary, huge, truncated and flooding input over UDP and TCP: the server neither
 * crashes nor stalls, and OPTIONS still gets 200 afterwards.
 */
class HostileMessagesTest {
    private SipTestNode node;
    private SipProbe probe;
    private final Random random = new Random(42);

    @BeforeEach
    void start() throws Exception {
        // the flood below would trip the default per-source limit, which is not under test here
        node = new SipTestNode(new DialogConfig(SessionTimerConfig.defaults(), TlsConfig.disabled(),
                new OverloadConfig(0, 0, 1, 10, java.time.Duration.ofSeconds(5))));
        probe = new SipProbe(node.port);
    }

    @AfterEach
    void stop() {
        probe.close();
        node.close();
    }

    private byte[] garbage(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private String options(String transport, int localPort) {
        return probe.request("OPTIONS", UUID.randomUUID() + "@hostile", "", null, null)
                .replace("SIP/2.0/UDP 127.0.0.1:" + probe.port(), "SIP/2.0/" + transport + " 127.0.0.1:" + localPort);
    }

    private void assertUdpOptionsAnswered() throws IOException {
        // skip anything still in flight (400s to the hostile requests) until the 200 comes;
        // a flood may still be queued in the socket buffer, so resend like a real UA would
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            probe.sendRaw(options("UDP", probe.port()));
            String message;
            while ((message = probe.receive()) != null) {
                if (message.startsWith("SIP/2.0 200") && message.contains("OPTIONS")) {
                    return;
                }
            }
        }
        throw new AssertionError("no 200 to OPTIONS within 30 s");
    }

    @Test
    void udpGarbageHugeTruncatedAndFloodedInput() throws IOException {
        probe.sendRaw(new String(garbage(1200), StandardCharsets.ISO_8859_1));
        probe.sendRaw("INVITE sip:x SIP/2.0\r\nVia: " + "A".repeat(60_000) + "\r\n\r\n");
        probe.sendRaw(probe.request("INVITE", "trunc@h", "", "application/sdp", "v=0\r\no=x 1 1 IN IP4 1.2.3.4\r\n")
                .replace("Content-Length: 29", "Content-Length: 900"));
        probe.sendRaw("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\nCSeq: x\r\n\r\n");
        probe.sendRaw("\r\n\r\n");
        probe.sendRaw("SIP/2.0 200 OK\r\n\r\n");
        for (int i = 0; i < 3000; i++) {
            probe.sendRaw(i % 2 == 0 ? new String(garbage(300), StandardCharsets.ISO_8859_1)
                    : "OPTIONS sip:" + i + " SIP/2.0\r\nCall-ID: " + i + "\r\n\r\n");
        }
        assertUdpOptionsAnswered();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", node.port), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!text.toString().contains("\r\n\r\n")) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private void assertTcpOptionsAnswered() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(options("TCP", socket.getLocalPort()).getBytes(StandardCharsets.UTF_8));
            assertThat(readResponse(socket)).startsWith("SIP/2.0 200");
        }
    }

    @Test
    void tcpGarbageHugeTruncatedAndIdleConnections() throws IOException {
        assertTcpOptionsAnswered();
        try (Socket s = connect()) {
            s.getOutputStream().write(garbage(100_000));
        } catch (IOException e) {
            // the server may close on us mid-write: that is a fine answer to garbage
        }
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("OPTIONS sip:x SIP/2.0\r\nX-Huge: " + "B".repeat(200_000)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // closed by the server once past the maximum message size
        }
        try (Socket s = connect()) {
            String truncated = options("TCP", s.getLocalPort()).replace("Content-Length: 0", "Content-Length: 5000");
            s.getOutputStream().write(truncated.getBytes(StandardCharsets.UTF_8));
        }
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                idle.add(connect()); // connections that never say anything
            }
            assertTcpOptionsAnswered();
            for (int i = 0; i < 200; i++) {
                try (Socket s = connect()) {
                    s.getOutputStream().write(garbage(2000));
                } catch (IOException e) {
                    // closed by the server: fine
                }
            }
            assertTcpOptionsAnswered();
            assertUdpOptionsAnswered();
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void aSlowTcpMessageIsStillAnswered() throws IOException {
        try (Socket socket = connect()) {
            byte[] bytes = options("TCP", socket.getLocalPort()).getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < bytes.length; i += 40) {
                out.write(bytes, i, Math.min(40, bytes.length - i));
                out.flush();
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
            assertThat(readResponse(socket)).startsWith("SIP/2.0 200");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer to a slowly written OPTIONS", e);
        }
    }

    @Test
    void tcpKeepAlivePingsLeaveTheConnectionUsable() throws IOException {
        // a phone behind NAT keeps its connection open with CRLFCRLF pings (RFC 5626 3.5.1);
        // the stack does not answer them with a pong, but they must not break the flow
        try (Socket socket = connect()) {
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            socket.getOutputStream().write(options("TCP", socket.getLocalPort()).getBytes(StandardCharsets.UTF_8));
            assertThat(readResponse(socket)).as("the connection still carries SIP").contains("SIP/2.0 200");
        }
    }
}
