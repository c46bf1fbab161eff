package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session timers on a live server with a test-sized Min-SE of 2 s: 422 below it, the answer
 * names interval and refresher, we refresh when we are the refresher, and we hang up with
 * {@code session_timeout} when the caller should refresh and does not.
 */
class SessionTimerTest {
    private SipTestNode node;
    private SipProbe probe;

    @BeforeEach
    void start() throws Exception {
        node = new SipTestNode(new DialogConfig(
                new SessionTimerConfig(true, Duration.ofSeconds(1800), Duration.ofSeconds(2)),
                TlsConfig.disabled(), OverloadConfig.defaults()));
        probe = new SipProbe(node.port);
    }

    @AfterEach
    void stop() {
        probe.close();
        node.close();
    }

    private String offer() {
        return InDialogTest.offer(40000, "0", "sendrecv");
    }

    @Test
    void tooSmallAnIntervalGets422WithMinSe() throws IOException {
        probe.sendRaw(probe.request("INVITE", UUID.randomUUID() + "@p", "Supported: timer\r\nSession-Expires: 1\r\n",
                "application/sdp", offer()));
        String response = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.status(response)).isEqualTo(422);
        assertThat(SipProbe.header(response, "Min-SE")).isEqualTo("2");
    }

    @Test
    void requireTimerIsAcceptedAndWeRefreshWithUpdateWhenAsked() throws IOException {
        String id = UUID.randomUUID() + "@p";
        probe.sendRaw(probe.request("INVITE", id,
                "Require: timer\r\nSession-Expires: 2;refresher=uas\r\nAllow: INVITE, ACK, BYE, UPDATE\r\n",
                "application/sdp", offer()));
        String ok = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.status(ok)).as(ok).isEqualTo(200);
        assertThat(SipProbe.header(ok, "Session-Expires")).isEqualTo("2;refresher=uas");
        assertThat(SipProbe.header(ok, "Require")).isEqualTo("timer");
        String to = SipProbe.header(ok, "To");
        probe.sendRaw(InDialogTest.inDialog(probe, "ACK", id, to, 1, "", null, null));

        // refresh at half the interval: an UPDATE from us, twice, each answered
        for (int i = 0; i < 2; i++) {
            String refresh = awaitRequest();
            assertThat(refresh).startsWith("UPDATE ");
            assertThat(SipProbe.header(refresh, "Session-Expires")).isEqualTo("2;refresher=uac");
            probe.sendRaw(okTo(refresh, "Session-Expires: 2;refresher=uac\r\n"));
        }
        assertThat(node.server.activeCalls()).isEqualTo(1);
    }

    @Test
    void withoutUpdateWeRefreshByReInviteWithOurSdp() throws IOException {
        String id = UUID.randomUUID() + "@p";
        probe.sendRaw(probe.request("INVITE", id, "Session-Expires: 2\r\n", "application/sdp", offer()));
        String ok = probe.receiveUntilFinal().getLast();
        // the caller does not support timers, so we must be the refresher
        assertThat(SipProbe.header(ok, "Session-Expires")).isEqualTo("2;refresher=uas");
        String to = SipProbe.header(ok, "To");
        probe.sendRaw(InDialogTest.inDialog(probe, "ACK", id, to, 1, "", null, null));
        String refresh = awaitRequest();
        assertThat(refresh).startsWith("INVITE ").contains("m=audio").contains("RTP/AVP 0 101");
        probe.sendRaw(okTo(refresh, "Content-Type: application/sdp\r\n", offer()));
        String ack = awaitRequest();
        assertThat(ack).startsWith("ACK ");
        assertThat(node.server.activeCalls()).isEqualTo(1);
    }

    @Test
    void whenTheCallerLetsItsTimerRunOutWeHangUp() throws IOException {
        String id = UUID.randomUUID() + "@p";
        probe.sendRaw(probe.request("INVITE", id, "Supported: timer\r\nSession-Expires: 3;refresher=uac\r\n",
                "application/sdp", offer()));
        String ok = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.header(ok, "Session-Expires")).isEqualTo("3;refresher=uac");
        probe.sendRaw(InDialogTest.inDialog(probe, "ACK", id, SipProbe.header(ok, "To"), 1, "", null, null));
        String bye = awaitRequest();
        assertThat(bye).startsWith("BYE ");
        probe.sendRaw(okTo(bye, ""));
        assertThat(node.awaitEnded(id).endReason()).isEqualTo(EndReason.SESSION_TIMEOUT);
    }

    @Test
    void aRefreshFromTheCallerKeepsTheCallUp() throws IOException {
        String id = UUID.randomUUID() + "@p";
        probe.sendRaw(probe.request("INVITE", id, "Supported: timer\r\nSession-Expires: 3;refresher=uac\r\n",
                "application/sdp", offer()));
        String ok = probe.receiveUntilFinal().getLast();
        String to = SipProbe.header(ok, "To");
        probe.sendRaw(InDialogTest.inDialog(probe, "ACK", id, to, 1, "", null, null));
        for (int cseq = 2; cseq < 5; cseq++) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(1500).toNanos());
            probe.sendRaw(InDialogTest.inDialog(probe, "UPDATE", id, to, cseq,
                    "Supported: timer\r\nSession-Expires: 3;refresher=uac\r\n", null, null));
            String refreshed = InDialogTest.finalFor(probe, cseq + " UPDATE");
            assertThat(SipProbe.header(refreshed, "Session-Expires")).isEqualTo("3;refresher=uac");
        }
        assertThat(node.server.activeCalls()).as("4.5 s after the answer, past a 3 s interval").isEqualTo(1);
    }

    /** The next request the server sends us, skipping response retransmissions. */
    private String awaitRequest() throws IOException {
        for (int i = 0; i < 20; i++) {
            String message = probe.receive();
            if (message != null && !message.startsWith("SIP/2.0")) {
                return message;
            }
        }
        throw new AssertionError("no request from the server");
    }

    private String okTo(String request, String extra) {
        return okTo(request, extra, null);
    }

    private String okTo(String request, String extra, String body) {
        StringBuilder r = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String name : new String[] {"Via", "From", "To", "Call-ID", "CSeq"}) {
            for (String line : request.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    r.append(line).append("\r\n");
                }
            }
        }
        r.append("Contact: <sip:probe@127.0.0.1:").append(probe.port()).append(">\r\n").append(extra);
        String content = body == null ? "" : body;
        r.append("Content-Length: ").append(content.length()).append("\r\n\r\n").append(content);
        return r.toString();
    }
}
