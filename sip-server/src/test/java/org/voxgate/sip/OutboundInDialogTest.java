package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.Codec;

/**
 * Requests the callee sends inside a call we placed, on a real server calling a raw UDP probe
 * that plays the callee: hold by re-INVITE, INFO DTMF, an UPDATE session refresh. They get
 * the same handling as in a call we answered (not 481), and our INVITE offers session timers.
 */
class OutboundInDialogTest {
    private SipTestNode node;
    private SipProbe callee;
    private DatagramSocket rtp;

    @BeforeEach
    void start() throws Exception {
        node = new SipTestNode(DialogConfig.defaults());
        callee = new SipProbe(node.port);
        rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        rtp.close();
        callee.close();
        node.close();
    }

    /** The dialog as the callee sees it once it answered. */
    private record Dialog(String callId, String ourTo, String theirFrom, String invite) {}

    private Dialog answer() throws Exception {
        node.server.placeCall(new OutboundCallRequest(null,
                List.of(SipTarget.of("sip:bob@127.0.0.1:" + callee.port())), "alice", null, "bob", null, "echo",
                List.of(Codec.PCMU), Duration.ofSeconds(20), Map.of()));
        String invite = callee.receive();
        assertThat(invite).startsWith("INVITE ");
        String callId = SipProbe.header(invite, "Call-ID");
        String to = SipProbe.header(invite, "To") + ";tag=callee1";
        String from = SipProbe.header(invite, "From");
        String sdp = InDialogTest.offer(rtp.getLocalPort(), "0", "sendrecv");
        callee.sendRaw("SIP/2.0 200 OK\r\n"
                + "Via: " + SipProbe.header(invite, "Via") + "\r\n"
                + "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + SipProbe.header(invite, "CSeq") + "\r\n"
                + "Contact: <sip:bob@127.0.0.1:" + callee.port() + ">\r\n"
                + "Allow: INVITE, ACK, BYE, CANCEL, UPDATE, INFO\r\n"
                + "Supported: timer\r\nRequire: timer\r\nSession-Expires: 1800;refresher=uas\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
        assertThat(callee.receive()).startsWith("ACK ");
        SipTestNode.awaitTrue(() -> node.answered.stream().anyMatch(c -> c.callId().equals(callId)));
        return new Dialog(callId, to, from, invite);
    }

    /** A request from the callee in the dialog; its CSeq counts on its own. */
    private String request(Dialog d, String method, int cseq, String extra, String type, String body) {
        return callee.request(method, d.callId(), extra, type, body)
                .replace(" sip:4000@127.0.0.1:" + node.port + " ", " sip:voxgate@127.0.0.1:" + node.port + " ")
                .replace("From: <sip:probe@127.0.0.1>;tag=probe1", "From: " + d.ourTo())
                .replace("To: <sip:4000@127.0.0.1>", "To: " + d.theirFrom())
                .replace("CSeq: 1 " + method, "CSeq: " + cseq + " " + method);
    }

    @Test
    void theCalleesHoldInfoDtmfAndUpdateRefreshAreHandledInTheCallWePlaced() throws Exception {
        Dialog d = answer();

        callee.sendRaw(request(d, "INVITE", 1, "", "application/sdp",
                InDialogTest.offer(rtp.getLocalPort(), "0", "sendonly")));
        String held = InDialogTest.finalFor(callee, "1 INVITE");
        assertThat(SipProbe.status(held)).as(held).isEqualTo(200);
        assertThat(held).contains("a=recvonly");
        callee.sendRaw(request(d, "ACK", 1, "", null, null));

        callee.sendRaw(request(d, "INFO", 2, "", "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        assertThat(SipProbe.status(InDialogTest.finalFor(callee, "2 INFO"))).isEqualTo(200);
        SipTestNode.awaitTrue(() -> node.digits.contains(d.callId() + ":5"));

        callee.sendRaw(request(d, "UPDATE", 3, "Supported: timer\r\nSession-Expires: 1800;refresher=uac\r\n",
                null, null));
        String refreshed = InDialogTest.finalFor(callee, "3 UPDATE");
        assertThat(SipProbe.status(refreshed)).as(refreshed).isEqualTo(200);
        assertThat(SipProbe.header(refreshed, "Session-Expires")).startsWith("1800");

        // our INVITE offered session timers as configured (sip.session-timer.*)
        assertThat(SipProbe.header(d.invite(), "Supported")).contains("timer");
        assertThat(SipProbe.header(d.invite(), "Session-Expires")).isEqualTo("1800");
        assertThat(SipProbe.header(d.invite(), "Min-SE")).isEqualTo("90");
    }
}
