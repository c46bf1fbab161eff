package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS with a certificate made by openssl for this test: OPTIONS is answered, and a
 * call's BYE comes back over the connection the caller opened (connection reuse).
 */
class TlsTransportTest {
    @TempDir
    Path dir;
    private SipTestNode node;
    private int tlsPort;

    /** Makes a self-signed certificate and key (PEM, PKCS#8) with openssl. */
    static void makeCertificate(Path dir) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-days", "2", "-subj", "/CN=127.0.0.1").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    @BeforeEach
    void start() throws Exception {
        makeCertificate(dir);
        tlsPort = SipServerTest.freePort();
        node = new SipTestNode(new DialogConfig(SessionTimerConfig.defaults(),
                new TlsConfig(tlsPort, dir.resolve("cert.pem"), dir.resolve("key.pem")), OverloadConfig.defaults()),
                List.of("udp", "tcp", "tls"));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private SSLSocket connect() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", tlsPort);
        socket.setSoTimeout(5000);
        socket.startHandshake();
        return socket;
    }

    private static String request(String method, String callId, int localPort, String to, int cseq, String body) {
        String content = body == null ? "" : body;
        return method + " sips:4000@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:" + localPort + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "") + "\r\n"
                + "From: <sips:tls@127.0.0.1>;tag=tls1\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sips:tls@127.0.0.1:" + localPort + ";transport=tls>\r\n"
                + "Max-Forwards: 70\r\n"
                + (body == null ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + content.length() + "\r\n\r\n" + content;
    }

    /** Reads one whole SIP message (headers and Content-Length body) from the stream. */
    static String readMessage(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return text.length() == 0 ? null : text.toString();
            }
            text.append((char) b);
        }
        String head = text.toString();
        String length = SipProbe.header(head, "Content-Length");
        int n = length == null ? 0 : Integer.parseInt(length.trim());
        return head + new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    @Test
    void optionsOverTlsAndACallWhoseByeReusesTheConnection() throws Exception {
        try (SSLSocket socket = connect()) {
            int local = socket.getLocalPort();
            socket.getOutputStream().write(request("OPTIONS", UUID.randomUUID() + "@tls", local,
                    "<sips:4000@127.0.0.1>", 1, null).getBytes(StandardCharsets.UTF_8));
            String options = readMessage(socket.getInputStream());
            assertThat(options).startsWith("SIP/2.0 200");
            assertThat(SipProbe.header(options, "Contact")).contains(":" + tlsPort).contains("transport=tls");

            String callId = UUID.randomUUID() + "@tls";
            socket.getOutputStream().write(request("INVITE", callId, local, "<sips:4000@127.0.0.1>", 1,
                    InDialogTest.offer(40000, "0", "sendrecv")).getBytes(StandardCharsets.UTF_8));
            String ok;
            do {
                ok = readMessage(socket.getInputStream());
            } while (ok != null && ok.startsWith("SIP/2.0 1"));
            assertThat(ok).startsWith("SIP/2.0 200");
            String to = SipProbe.header(ok, "To");
            socket.getOutputStream().write(request("ACK", callId, local, to, 1, null).getBytes(StandardCharsets.UTF_8));
            SipTestNode.awaitTrue(() -> !node.answered.isEmpty());
            node.answered.getFirst().hangup(EndReason.BOT_HANGUP);
            String bye = readMessage(socket.getInputStream());
            assertThat(bye).as("BYE over the caller's own TLS connection").startsWith("BYE ");
            assertThat(node.awaitEnded(callId).endReason()).isEqualTo(EndReason.BOT_HANGUP);
        }
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedNamingTheKey() throws Exception {
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        TlsConfig config = new TlsConfig(5061, dir.resolve("cert.pem"), bad);
        try {
            TlsKeyStore.fromPem(config).close();
            throw new AssertionError("accepted a PKCS#1 key");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("sip.tls.key-file");
        }
        assertThat(Duration.ZERO).isZero();
    }
}
