package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests inside an answered call, on a real server and RTP engine probed over loopback:
 * hold and resume by re-INVITE (our RTP stops and starts again), codec change, late offer,
 * UPDATE, INFO DTMF, and offers that cross.
 */
class InDialogTest {
    private SipTestNode node;
    private SipProbe probe;
    private DatagramSocket rtp;

    @BeforeEach
    void start() throws Exception {
        node = new SipTestNode(DialogConfig.defaults());
        probe = new SipProbe(node.port);
        rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        rtp.close();
        probe.close();
        node.close();
    }

    static String offer(int port, String formats, String direction) {
        return "v=0\r\no=probe 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP " + formats + " 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=" + direction + "\r\n";
    }

    /** An answered and ACKed call; returns the To header (with our tag) to use in the dialog. */
    static String establish(SipProbe probe, SipTestNode node, String callId, String extraHeaders, String sdp)
            throws IOException {
        probe.sendRaw(probe.request("INVITE", callId, extraHeaders, "application/sdp", sdp));
        List<String> messages = probe.receiveUntilFinal();
        String ok = messages.getLast();
        assertThat(SipProbe.status(ok)).as(ok).isEqualTo(200);
        String to = SipProbe.header(ok, "To");
        probe.sendRaw(inDialog(probe, "ACK", callId, to, 1, "", null, null));
        SipTestNode.awaitTrue(() -> node.answered.stream().anyMatch(c -> c.callId().equals(callId)));
        return to;
    }

    static String inDialog(SipProbe probe, String method, String callId, String to, int cseq, String extra,
            String type, String body) {
        return probe.request(method, callId, extra, type, body)
                .replace("To: <sip:4000@127.0.0.1>", "To: " + to)
                .replace("CSeq: 1 " + method, "CSeq: " + cseq + " " + method);
    }

    private String answerTo(String method, String callId, String to, int cseq, String type, String body)
            throws IOException {
        probe.sendRaw(inDialog(probe, method, callId, to, cseq, "", type, body));
        return finalFor(probe, cseq + " " + method);
    }

    /** The final response whose CSeq is {@code cseq}, skipping retransmissions of earlier ones. */
    static String finalFor(SipProbe probe, String cseq) throws IOException {
        while (true) {
            String message = probe.receive();
            if (message == null) {
                throw new AssertionError("no final response for " + cseq);
            }
            if (message.startsWith("SIP/2.0 ") && !message.startsWith("SIP/2.0 1")
                    && cseq.equals(SipProbe.header(message, "CSeq"))) {
                return message;
            }
        }
    }

    private boolean rtpArrives() throws IOException {
        rtp.setSoTimeout(1000);
        try {
            rtp.receive(new DatagramPacket(new byte[2048], 2048));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Reads what is in flight, then true when nothing more comes for 400 ms. */
    private boolean rtpStopped() throws IOException {
        rtp.setSoTimeout(100);
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                rtp.receive(new DatagramPacket(new byte[2048], 2048));
            } catch (SocketTimeoutException e) {
                rtp.setSoTimeout(400);
                try {
                    rtp.receive(new DatagramPacket(new byte[2048], 2048));
                } catch (SocketTimeoutException quiet) {
                    return true;
                }
            }
        }
        return false;
    }

    private String callId() {
        return UUID.randomUUID() + "@probe";
    }

    @Test
    void holdBySendonlyStopsOurRtpAndResumeStartsIt() throws IOException {
        String id = callId();
        String to = establish(probe, node, id, "", offer(rtp.getLocalPort(), "0", "sendrecv"));
        assertThat(rtpArrives()).as("RTP before hold").isTrue();

        String held = answerTo("INVITE", id, to, 2, "application/sdp", offer(rtp.getLocalPort(), "0", "sendonly"));
        assertThat(SipProbe.status(held)).isEqualTo(200);
        assertThat(held).contains("a=recvonly");
        probe.sendRaw(inDialog(probe, "ACK", id, to, 2, "", null, null));
        assertThat(rtpStopped()).as("no RTP while held").isTrue();

        String inactive = answerTo("INVITE", id, to, 3, "application/sdp", offer(rtp.getLocalPort(), "0", "inactive"));
        assertThat(inactive).contains("a=inactive");
        probe.sendRaw(inDialog(probe, "ACK", id, to, 3, "", null, null));
        assertThat(rtpStopped()).isTrue();

        String resumed = answerTo("INVITE", id, to, 4, "application/sdp", offer(rtp.getLocalPort(), "0", "sendrecv"));
        assertThat(resumed).contains("a=sendrecv");
        probe.sendRaw(inDialog(probe, "ACK", id, to, 4, "", null, null));
        assertThat(rtpArrives()).as("RTP after resume").isTrue();
        assertThat(node.server.activeCalls()).isEqualTo(1);
    }

    @Test
    void aCodecAndAddressChangeIsRenegotiated() throws IOException {
        String id = callId();
        String to = establish(probe, node, id, "", offer(40000, "0", "sendrecv"));
        String ok = answerTo("INVITE", id, to, 2, "application/sdp", offer(rtp.getLocalPort(), "8", "sendrecv"));
        assertThat(ok).contains("RTP/AVP 8 101");
        probe.sendRaw(inDialog(probe, "ACK", id, to, 2, "", null, null));
        rtp.setSoTimeout(2000);
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        rtp.receive(packet);
        assertThat(packet.getData()[1] & 0x7f).as("payload type").isEqualTo(8);
        ActiveCall call = node.answered.getFirst();
        assertThat(call.media().parameters().codec().name()).isEqualTo("PCMA");
    }

    @Test
    void aReInviteWithoutSdpGetsOurOfferAndTheAckCarriesTheAnswer() throws IOException {
        String id = callId();
        String to = establish(probe, node, id, "", offer(40000, "0", "sendrecv"));
        String ok = answerTo("INVITE", id, to, 2, null, null);
        assertThat(SipProbe.status(ok)).isEqualTo(200);
        assertThat(ok).contains("m=audio").contains("RTP/AVP 0 101").contains("a=sendrecv");
        probe.sendRaw(inDialog(probe, "ACK", id, to, 2, "", "application/sdp", offer(rtp.getLocalPort(), "0", "sendrecv")));
        assertThat(rtpArrives()).as("RTP goes to the address of the answer in the ACK").isTrue();
    }

    @Test
    void updateWithAndWithoutSdp() throws IOException {
        String id = callId();
        String to = establish(probe, node, id, "", offer(rtp.getLocalPort(), "0", "sendrecv"));
        String plain = answerTo("UPDATE", id, to, 2, null, null);
        assertThat(SipProbe.status(plain)).isEqualTo(200);
        assertThat(plain).doesNotContain("m=audio");
        String hold = answerTo("UPDATE", id, to, 3, "application/sdp", offer(rtp.getLocalPort(), "0", "inactive"));
        assertThat(SipProbe.status(hold)).isEqualTo(200);
        assertThat(hold).contains("a=inactive");
        assertThat(rtpStopped()).isTrue();
    }

    @Test
    void infoDtmfReachesTheCallsDtmfListener() throws IOException {
        String id = callId();
        String to = establish(probe, node, id, "", offer(40000, "0", "sendrecv"));
        assertThat(SipProbe.status(answerTo("INFO", id, to, 2, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")))
                .isEqualTo(200);
        assertThat(SipProbe.status(answerTo("INFO", id, to, 3, "application/dtmf", "#"))).isEqualTo(200);
        SipTestNode.awaitTrue(() -> node.digits.size() == 2);
        assertThat(node.digits).containsExactly(id + ":5", id + ":#");

        String other = answerTo("INFO", id, to, 4, "text/plain", "hello");
        assertThat(SipProbe.status(other)).isEqualTo(415);
        assertThat(SipProbe.header(other, "Accept")).contains("application/dtmf");
        assertThat(SipProbe.status(answerTo("INFO", id, to, 5, "application/dtmf-relay", "Signal=Z\r\n"))).isEqualTo(400);
        assertThat(SipProbe.status(answerTo("INFO", id, to, 6, null, null))).as("empty INFO").isEqualTo(200);
    }

    @Test
    void requestsForNoCallGet481AndAllowListsTheNewMethods() throws IOException {
        String gone = "<sip:4000@127.0.0.1>;tag=gone";
        assertThat(SipProbe.status(answerTo("INFO", callId(), gone, 1, "application/dtmf", "1"))).isEqualTo(481);
        assertThat(SipProbe.status(answerTo("UPDATE", callId(), gone, 1, null, null))).isEqualTo(481);
        probe.sendRaw(probe.request("OPTIONS", callId(), "", null, null));
        assertThat(SipProbe.header(probe.receive(), "Allow")).contains("UPDATE", "INFO");
    }

    @Test
    void anUnsupportedRequiredExtensionInAReInviteGets420() throws IOException {
        String id = callId();
        String to = establish(probe, node, id, "", offer(40000, "0", "sendrecv"));
        probe.sendRaw(inDialog(probe, "INVITE", id, to, 2, "Require: 100rel\r\n", "application/sdp",
                offer(40000, "0", "sendrecv")));
        String response = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.status(response)).isEqualTo(420);
        assertThat(SipProbe.header(response, "Unsupported")).isEqualTo("100rel");
    }

    @Test
    void anOfferCrossingOneInProgressGets491() throws IOException {
        String id = callId();
        String to = establish(probe, node, id, "", offer(40000, "0", "sendrecv"));
        // a re-INVITE without SDP: our offer goes out in the 200, the answer is due in the ACK
        assertThat(SipProbe.status(answerTo("INVITE", id, to, 2, null, null))).isEqualTo(200);
        String crossing = answerTo("UPDATE", id, to, 3, "application/sdp", offer(40000, "0", "sendonly"));
        assertThat(SipProbe.status(crossing)).isEqualTo(491);
        // the ACK's answer moves the media to another port, so its processing can be seen
        probe.sendRaw(inDialog(probe, "ACK", id, to, 2, "", "application/sdp", offer(40002, "0", "sendrecv")));
        ActiveCall call = node.answered.getFirst();
        SipTestNode.awaitTrue(() -> call.media().parameters().remoteRtp().getPort() == 40002);
        String after = answerTo("UPDATE", id, to, 4, "application/sdp", offer(40002, "0", "sendonly"));
        assertThat(SipProbe.status(after)).as("the exchange is over once the ACK brought the answer").isEqualTo(200);
    }
}
