package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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

    private void start(DialogConfig config) throws Exception {
        node = new SipTestNode(config);
        callee = new SipProbe(node.port);
        rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            rtp.close();
            callee.close();
            node.close();
        }
    }

    /** The dialog as the callee sees it once it answered. */
    private record Dialog(String callId, String ourTo, String theirFrom, String invite) {}

    /** Places a call to the callee, which answers naming {@code sessionExpires} (with its refresher). */
    private Dialog answer(String sessionExpires) throws Exception {
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
                + "Supported: timer\r\nRequire: timer\r\nSession-Expires: " + sessionExpires + "\r\n"
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

    /** The next request of {@code method} from us, skipping anything else (generous: 12 s). */
    private String awaitRequest(String method) throws IOException {
        for (int i = 0; i < 4; i++) {
            String message = callee.receive();
            if (message != null && message.startsWith(method + " ")) {
                return message;
            }
        }
        throw new AssertionError("no " + method + " from the server");
    }

    /** The callee's 200 to one of our requests. */
    private void ok(String request, String extraHeaders) throws IOException {
        callee.sendRaw("SIP/2.0 200 OK\r\n"
                + "Via: " + SipProbe.header(request, "Via") + "\r\n"
                + "From: " + SipProbe.header(request, "From") + "\r\n"
                + "To: " + SipProbe.header(request, "To") + "\r\n"
                + "Call-ID: " + SipProbe.header(request, "Call-ID") + "\r\n"
                + "CSeq: " + SipProbe.header(request, "CSeq") + "\r\n"
                + extraHeaders + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void theTimerTheAnswerNamesRunsWithUsAsRefresherAndEndsTheCallWhenTheCalleeLetsItLapse() throws Exception {
        start(new DialogConfig(new SessionTimerConfig(true, Duration.ofSeconds(3), Duration.ofSeconds(1)),
                TlsConfig.disabled(), OverloadConfig.defaults()));
        Dialog d = answer("2;refresher=uac");
        // the 2xx made us the refresher: an UPDATE (the callee allows it) at half the interval
        String refresh = awaitRequest("UPDATE");
        assertThat(SipProbe.header(refresh, "Session-Expires")).isEqualTo("2;refresher=uac");
        // the callee takes over refreshing, then never does: we end the call before it runs out
        ok(refresh, "Supported: timer\r\nRequire: timer\r\nSession-Expires: 2;refresher=uas\r\n");
        String bye = awaitRequest("BYE");
        ok(bye, "");
        assertThat(node.awaitEnded(d.callId()).endReason()).isEqualTo(EndReason.SESSION_TIMEOUT);
    }

    @Test
    void theCalleesHoldInfoDtmfAndUpdateRefreshAreHandledInTheCallWePlaced() throws Exception {
        start(DialogConfig.defaults());
        Dialog d = answer("1800;refresher=uas");

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
