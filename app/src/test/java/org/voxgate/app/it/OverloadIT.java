package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Overload and abuse against the real server process: above {@code sip.max-calls} (1 here) a
 * new INVITE gets 503 with Retry-After; garbage, binary, huge and truncated input over UDP and
 * TCP leaves the server answering SIPp's OPTIONS with 200 on both transports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverloadIT {
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-overload-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_SIP_MAX_CALLS", "1",
                "VOXGATE_SIP_RETRY_AFTER_SECONDS", "9")).start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    @Test
    void aboveMaxCallsANewCallGets503WithRetryAfter() throws Exception {
        try (RtpPeer peer = new RtpPeer()) {
            Sipp first = Sipp.scenario("uac-hangup.xml", server.sipPort, work.resolve("sipp-held"));
            String heldId = first.callIdTag("held-" + UUID.randomUUID());
            Sipp.Running held = first.inject(List.of("127.0.0.1;" + peer.port() + ";echo;"))
                    .arg("-d", "6000").start(1, 60);
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("first call answered").isTrue();

            Sipp second = Sipp.scenario("uac-expect-503.xml", server.sipPort, work.resolve("sipp-503"));
            String refusedId = second.callIdTag("refused-" + UUID.randomUUID());
            Sipp.Result refused = second.inject(List.of("127.0.0.1;40000;echo;")).start(1, 30).await();
            assertThat(refused.exitCode()).as("503 with Retry-After\n" + refused.describe()).isZero();
            assertThat(refusedId).isNotEmpty();

            Sipp.Result result = held.await();
            assertThat(result.exitCode()).as("the first call was not disturbed\n" + result.describe()).isZero();
            assertThat(server.awaitEndedCall(heldId).path("endReason").asText()).isEqualTo("caller_hangup");
        }
    }

    @Test
    void hostileInputOverUdpAndTcpLeavesOptionsAnswered() throws Exception {
        Random random = new Random(7);
        InetSocketAddress sip = new InetSocketAddress("127.0.0.1", server.sipPort);
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[1 + random.nextInt(1400)];
                random.nextBytes(junk);
                udp.send(new DatagramPacket(junk, junk.length, sip));
            }
            byte[] huge = ("INVITE sip:x SIP/2.0\r\nVia: " + "A".repeat(60_000) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            udp.send(new DatagramPacket(huge, huge.length, sip));
            byte[] truncated = "OPTIONS sip:x SIP/2.0\r\nContent-Length: 400\r\n\r\nv=0".getBytes(StandardCharsets.UTF_8);
            udp.send(new DatagramPacket(truncated, truncated.length, sip));
        }
        for (int i = 0; i < 50; i++) {
            try (Socket tcp = new Socket()) {
                tcp.connect(sip, 2000);
                OutputStream out = tcp.getOutputStream();
                byte[] junk = new byte[i % 10 == 0 ? 200_000 : 3000];
                random.nextBytes(junk);
                out.write(junk);
            } catch (java.io.IOException e) {
                // the server closing on garbage is a fine answer
            }
        }
        for (String transport : List.of("u1", "t1")) {
            Sipp.Result result = Sipp.scenario("uac-malformed.xml", server.sipPort, work.resolve("sipp-malformed-" + transport))
                    .arg("-t", transport).start(1, 30).await();
            assertThat(result.exitCode()).as(transport + ": 400 then OPTIONS 200\n" + result.describe()).isZero();
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }
}
