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
import org.voxgate.media.MediaConfig;
import org.voxgate.media.RtpMediaEngine;

/**
 * The SIP server on a real loopback socket, probed with hand-written requests: the answers
 * RFC 3261 asks for on every path that does not need media.
 */
class SipServerTest {
    private final List<CallSummary> ended = new CopyOnWriteArrayList<>();
    private SipServer server;
    private SipProbe probe;

    private final List<ActiveCall> answered = new CopyOnWriteArrayList<>();
    private RtpMediaEngine media;

    /**
     * The application side for these tests: refuses calls to 404, takes every other call for
     * the bot "echo", and records what happened.
     */
    private final CallHandler handler = new CallHandler() {
        @Override
        public InviteDecision onInvite(InviteRequest invite) {
            return switch (invite.dialled()) {
                case "404" -> InviteDecision.reject(404, "no such number");
                case "503" -> InviteDecision.reject(503, "trunk loopback is at its limit of 1 concurrent calls");
                default -> InviteDecision.accept("echo");
            };
        }

        @Override public void onAnswered(ActiveCall call) { answered.add(call); }

        @Override public void onEnded(CallSummary summary) { ended.add(summary); }
    };

    @BeforeEach
    void start() throws Exception {
        int port = freePort();
        int rtpBase = freeUdpRange(8);
        media = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", rtpBase, rtpBase + 7,
                Duration.ofSeconds(30)), Clock.systemUTC()).start();
        SipConfig config = new SipConfig("127.0.0.1", "127.0.0.1", port, List.of("udp", "tcp"), true,
                Duration.ZERO, "Voxgate-test", Duration.ofMillis(200));
        // The probe sends from 127.0.0.1, the inbound source of the trunk "loopback".
        server = SipServer.builder(config, media, handler, new SimpleMeterRegistry(), Clock.systemUTC())
                .trunks(LoopbackTrunk.directory()).build();
        server.start();
        probe = new SipProbe(port);
    }

    @AfterEach
    void stop() {
        probe.close();
        server.close();
        media.close();
    }

    static int freeUdpRange(int size) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = java.util.concurrent.ThreadLocalRandom.current().nextInt(30000, 60000) & ~1;
            boolean free = true;
            for (int p = base; p < base + size && free; p++) {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", p))) {
                    free = true;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no free UDP range");
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
        probe.sendRaw(probe.request("SUBSCRIBE", callId(), "", null, null));
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
    void a503FromTheApplicationCarriesRetryAfterAndTheReason() throws IOException {
        probe.sendRaw(probe.request("INVITE", callId(), "", "application/sdp", "v=0\r\n").replace("sip:4000@", "sip:503@"));
        String last = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.status(last)).isEqualTo(503);
        assertThat(SipProbe.header(last, "Retry-After")).isEqualTo("5"); // sip.retry-after-seconds' default
        assertThat(last.lines().findFirst().orElseThrow())
                .isEqualTo("SIP/2.0 503 Service unavailable (trunk loopback is at its limit of 1 concurrent calls)");
    }

    @Test
    void inviteRefusedByTheApplicationGetsItsStatusAndIsReported() throws IOException {
        String id = callId();
        String refused = probe.request("INVITE", id, "", "application/sdp", "v=0\r\n").replace("sip:4000@", "sip:404@");
        probe.sendRaw(refused);
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

    private static final String OFFER = "v=0\r\no=probe 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio %d RTP/AVP %s\r\na=rtpmap:101 telephone-event/8000\r\n";

    @Test
    void aCallIsAnsweredConfirmedAndEndedByTheCallersBye() throws IOException {
        String id = callId();
        probe.sendRaw(probe.request("INVITE", id, "", "application/sdp", String.format(OFFER, 40000, "8 0 101")));
        List<String> messages = probe.receiveUntilFinal();
        assertThat(messages.stream().map(SipProbe::status)).containsExactly(100, 180, 200);
        String ok = messages.get(2);
        assertThat(ok).contains("m=audio ").contains("RTP/AVP 8 101").contains("a=rtpmap:8 PCMA/8000");
        assertThat(SipProbe.header(messages.get(1), "To")).isEqualTo(SipProbe.header(ok, "To"));
        assertThat(media.allocatedPorts()).isEqualTo(2);

        String to = SipProbe.header(ok, "To");
        probe.sendRaw(probe.request("ACK", id, "", null, null).replace("To: <sip:4000@127.0.0.1>", "To: " + to));
        awaitTrue(() -> answered.stream().anyMatch(c -> c.callId().equals(id)));
        ActiveCall call = answered.stream().filter(c -> c.callId().equals(id)).findFirst().orElseThrow();
        assertThat(call.bot()).isEqualTo("echo");
        assertThat(call.to()).isEqualTo("4000");

        probe.sendRaw(probe.request("BYE", id, "", null, null).replace("To: <sip:4000@127.0.0.1>", "To: " + to)
                .replace("CSeq: 1 BYE", "CSeq: 2 BYE"));
        assertThat(SipProbe.status(probe.receive())).isEqualTo(200);
        awaitEnded(id);
        CallSummary summary = ended.stream().filter(s -> s.callId().equals(id)).findFirst().orElseThrow();
        assertThat(summary.endReason()).isEqualTo(EndReason.CALLER_HANGUP);
        assertThat(summary.codec()).isEqualTo("PCMA");
        assertThat(summary.answeredAt()).isNotNull();
        assertThat(media.allocatedPorts()).isZero();
        assertThat(server.activeCalls()).isZero();
    }

    @Test
    void anOfferWithNoCommonCodecGets488AndReleasesItsPorts() throws IOException {
        String id = callId();
        probe.sendRaw(probe.request("INVITE", id, "", "application/sdp", String.format(OFFER, 40000, "18")));
        String response = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.status(response)).isEqualTo(488);
        assertThat(SipProbe.header(response, "Warning")).startsWith("304");
        awaitEnded(id);
        assertThat(ended).anySatisfy(s -> assertThat(s.endReason()).isEqualTo(EndReason.NO_COMMON_CODEC));
        assertThat(media.allocatedPorts()).isZero();
    }

    @Test
    void theBotsHangupSendsByeToTheCaller() throws IOException {
        String id = callId();
        probe.sendRaw(probe.request("INVITE", id, "", "application/sdp", String.format(OFFER, 40000, "0")));
        String ok = probe.receiveUntilFinal().getLast();
        String to = SipProbe.header(ok, "To");
        probe.sendRaw(probe.request("ACK", id, "", null, null).replace("To: <sip:4000@127.0.0.1>", "To: " + to));
        awaitTrue(() -> answered.stream().anyMatch(c -> c.callId().equals(id)));
        answered.stream().filter(c -> c.callId().equals(id)).findFirst().orElseThrow().hangup(EndReason.BOT_HANGUP);
        String bye = probe.receive();
        assertThat(bye).startsWith("BYE ");
        assertThat(SipProbe.header(bye, "Call-ID")).isEqualTo(id);
        awaitEnded(id);
        assertThat(ended).anySatisfy(s -> assertThat(s.endReason()).isEqualTo(EndReason.BOT_HANGUP));
        assertThat(media.allocatedPorts()).isZero();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
    }

    private void awaitEnded(String callId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ended.stream().noneMatch(s -> s.callId().equals(callId)) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
    }
}
