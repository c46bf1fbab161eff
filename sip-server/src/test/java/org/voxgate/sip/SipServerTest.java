package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SIP server on a real loopback socket, probed with hand-written requests: the answers
 * RFC 3261 asks for on every path that does not need media.
 */
class SipServerTest {
    private final List<CallSummary> ended = new CopyOnWriteArrayList<>();
    private SipServer server;
    private SipProbe probe;

    /** The application side for these tests: refuses every call with 404, records the ends. */
    private final CallHandler refusingHandler = new CallHandler() {
        @Override public InviteDecision onInvite(InviteRequest invite) { return InviteDecision.reject(404, "no such number"); }

        @Override public void onAnswered(ActiveCall call) { throw new AssertionError("no call is answered here"); }

        @Override public void onEnded(CallSummary summary) { ended.add(summary); }
    };

    @BeforeEach
    void start() throws IOException {
        int port = freePort();
        SipConfig config = new SipConfig("127.0.0.1", "127.0.0.1", port, List.of("udp", "tcp"), true,
                Duration.ZERO, "Voxgate-test", Duration.ofMillis(200));
        server = new SipServer(config, null, refusingHandler, new SimpleMeterRegistry(), Clock.systemUTC());
        server.start();
        probe = new SipProbe(port);
    }

    @AfterEach
    void stop() {
        probe.close();
        server.close();
    }

    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                    ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, java.net.InetAddress.getLoopbackAddress())) {
                return udp.getLocalPort();
            } catch (IOException e) {
                // the TCP side was taken; try another
            }
        }
        throw new IOException("no free port for UDP and TCP");
    }

    private String callId() {
        return UUID.randomUUID() + "@probe";
    }

    @Test
    void optionsGets200WithAllowAndAccept() throws IOException {
        probe.sendRaw(probe.request("OPTIONS", callId(), "", null, null));
        String response = probe.receive();
        assertThat(response).startsWith("SIP/2.0 200");
        assertThat(SipProbe.header(response, "Allow")).contains("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS");
        assertThat(SipProbe.header(response, "Accept")).isEqualTo("application/sdp");
        assertThat(SipProbe.header(response, "Server")).isEqualTo("Voxgate-test");
    }

    @Test
    void unsupportedMethodGets405WithAllow() throws IOException {
        probe.sendRaw(probe.request("REGISTER", callId(), "", null, null));
        String response = probe.receive();
        assertThat(SipProbe.status(response)).isEqualTo(405);
        assertThat(SipProbe.header(response, "Allow")).contains("INVITE", "OPTIONS");
    }

    @Test
    void unknownMethodGets501() throws IOException {
        probe.sendRaw(probe.request("FROBNICATE", callId(), "", null, null));
        String response = probe.receive();
        assertThat(SipProbe.status(response)).isEqualTo(501);
    }

    @Test
    void malformedInviteGets400AndTheServerCarriesOn() throws IOException {
        String invite = probe.request("INVITE", callId(), "", "application/sdp", "v=0\r\n")
                .replace("Max-Forwards: 70", "Max-Forwards: seventy");
        probe.sendRaw(invite);
        String response = probe.receive();
        assertThat(SipProbe.status(response)).isEqualTo(400);
        assertThat(SipProbe.header(response, "To")).contains("tag=");

        probe.sendRaw("this is not SIP at all\r\n\r\n");
        probe.sendRaw(probe.request("OPTIONS", callId(), "", null, null));
        assertThat(SipProbe.status(probe.receive())).isEqualTo(200);
    }

    @Test
    void inviteRefusedByTheApplicationGetsItsStatusAndIsReported() throws IOException {
        String id = callId();
        probe.sendRaw(probe.request("INVITE", id, "", "application/sdp", "v=0\r\n"));
        List<String> messages = probe.receiveUntilFinal();
        assertThat(messages).isNotEmpty();
        assertThat(SipProbe.status(messages.get(0))).isEqualTo(100);
        String last = messages.get(messages.size() - 1);
        assertThat(SipProbe.status(last)).isEqualTo(404);
        assertThat(SipProbe.header(last, "To")).contains("tag=");
        awaitEnded(id);
        assertThat(ended).anySatisfy(s -> {
            assertThat(s.callId()).isEqualTo(id);
            assertThat(s.endReason()).isEqualTo(EndReason.REJECTED);
            assertThat(s.answeredAt()).isNull();
        });
    }

    @Test
    void requiredExtensionGets420NamingIt() throws IOException {
        probe.sendRaw(probe.request("INVITE", callId(), "Require: 100rel\r\n", "application/sdp", "v=0\r\n"));
        String response = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.status(response)).isEqualTo(420);
        assertThat(SipProbe.header(response, "Unsupported")).isEqualTo("100rel");
    }

    @Test
    void nonSdpBodyGets415WithAccept() throws IOException {
        probe.sendRaw(probe.request("INVITE", callId(), "", "text/plain", "hello"));
        String response = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.status(response)).isEqualTo(415);
        assertThat(SipProbe.header(response, "Accept")).isEqualTo("application/sdp");
    }

    @Test
    void byeForNoCallGets481() throws IOException {
        String bye = probe.request("BYE", callId(), "", null, null).replace("To: <sip:4000@127.0.0.1>", "To: <sip:4000@127.0.0.1>;tag=gone");
        probe.sendRaw(bye);
        assertThat(SipProbe.status(probe.receive())).isEqualTo(481);
    }

    private void awaitEnded(String callId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ended.stream().noneMatch(s -> s.callId().equals(callId)) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
