package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where our messages go (rport, Record-Route, a Contact behind NAT), CANCEL crossing our
 * 200 OK, and the call and request rate limits.
 */
class RoutingAndLimitsTest {
    private SipTestNode node;
    private SipProbe probe;

    private void start(OverloadConfig overload) throws Exception {
        node = new SipTestNode(new DialogConfig(SessionTimerConfig.defaults(), TlsConfig.disabled(), overload));
        probe = new SipProbe(node.port);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private static String id() {
        return UUID.randomUUID() + "@probe";
    }

    private String offer() {
        return InDialogTest.offer(40000, "0", "sendrecv");
    }

    private String awaitRequest() throws IOException {
        for (int i = 0; i < 20; i++) {
            String message = probe.receive();
            if (message != null && !message.startsWith("SIP/2.0")) {
                return message;
            }
        }
        throw new AssertionError("no request from the server");
    }

    @Test
    void withRportTheResponseGoesBackToTheSourcePort() throws Exception {
        start(OverloadConfig.defaults());
        // the Via names a port nobody listens on; rport asks for the source port instead
        String options = probe.request("OPTIONS", id(), "", null, null)
                .replace("127.0.0.1:" + probe.port() + ";branch", "127.0.0.1:9;rport;branch");
        probe.sendRaw(options);
        String response = probe.receive();
        assertThat(response).isNotNull();
        assertThat(SipProbe.header(response, "Via")).contains("rport=" + probe.port()).contains("received=127.0.0.1");
    }

    @Test
    void aContactBehindNatIsReachedWhereTheInviteCameFrom() throws Exception {
        start(OverloadConfig.defaults());
        String callId = id();
        String invite = probe.request("INVITE", callId, "", "application/sdp", offer())
                .replace("Contact: <sip:probe@127.0.0.1:" + probe.port() + ">", "Contact: <sip:probe@10.9.8.7:5060>");
        probe.sendRaw(invite);
        String ok = probe.receiveUntilFinal().getLast();
        String to = SipProbe.header(ok, "To");
        probe.sendRaw(InDialogTest.inDialog(probe, "ACK", callId, to, 1, "", null, null));
        SipTestNode.awaitTrue(() -> !node.answered.isEmpty());
        node.answered.getFirst().hangup(EndReason.BOT_HANGUP);
        String bye = awaitRequest();
        assertThat(bye).startsWith("BYE sip:probe@10.9.8.7:5060");
    }

    @Test
    void recordRouteIsCopiedAndOurByeFollowsTheRouteSet() throws Exception {
        start(OverloadConfig.defaults());
        String callId = id();
        String route = "<sip:127.0.0.1:" + probe.port() + ";lr>";
        String invite = probe.request("INVITE", callId, "Record-Route: " + route + "\r\n", "application/sdp", offer())
                .replace("Contact: <sip:probe@127.0.0.1:" + probe.port() + ">", "Contact: <sip:probe@192.0.2.44:5060>");
        probe.sendRaw(invite);
        String ok = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.header(ok, "Record-Route")).isEqualTo(route);
        probe.sendRaw(InDialogTest.inDialog(probe, "ACK", callId, SipProbe.header(ok, "To"), 1, "", null, null));
        SipTestNode.awaitTrue(() -> !node.answered.isEmpty());
        node.answered.getFirst().hangup(EndReason.BOT_HANGUP);
        // the Contact is unreachable (TEST-NET): the BYE reaches us only through the route
        String bye = awaitRequest();
        assertThat(bye).startsWith("BYE sip:probe@192.0.2.44:5060");
        assertThat(SipProbe.header(bye, "Route")).isEqualTo(route);
    }

    @Test
    void aCancelCrossingOurOkLosesAndTheCallGoesOnUntilBye() throws Exception {
        start(OverloadConfig.defaults());
        String callId = id();
        String invite = probe.request("INVITE", callId, "", "application/sdp", offer());
        probe.sendRaw(invite);
        List<String> answers = probe.receiveUntilFinal();
        String ok = answers.getLast();
        assertThat(SipProbe.status(ok)).isEqualTo(200);
        // the CANCEL was sent before our 200 arrived: same Via branch and CSeq number as the INVITE
        String cancel = invite.substring(0, invite.indexOf("Content-Type"))
                .replace("INVITE sip:", "CANCEL sip:").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL")
                + "Content-Length: 0\r\n\r\n";
        probe.sendRaw(cancel);
        String cancelAnswer = InDialogTest.finalFor(probe, "1 CANCEL");
        assertThat(SipProbe.status(cancelAnswer)).isIn(200, 481);
        String to = SipProbe.header(ok, "To");
        probe.sendRaw(InDialogTest.inDialog(probe, "ACK", callId, to, 1, "", null, null));
        SipTestNode.awaitTrue(() -> !node.answered.isEmpty());
        assertThat(node.server.activeCalls()).isEqualTo(1);
        probe.sendRaw(InDialogTest.inDialog(probe, "BYE", callId, to, 2, "", null, null));
        assertThat(SipProbe.status(InDialogTest.finalFor(probe, "2 BYE"))).isEqualTo(200);
        CallSummary summary = node.awaitEnded(callId);
        assertThat(summary.endReason()).isEqualTo(EndReason.CALLER_HANGUP);
        assertThat(summary.answeredAt()).isNotNull();
        assertThat(answers.stream().map(SipProbe::status)).doesNotContain(487);
    }

    @Test
    void aboveMaxCallsANewInviteGets503WithRetryAfter() throws Exception {
        start(new OverloadConfig(1, 0, 1, 10, Duration.ofSeconds(7)));
        String first = id();
        InDialogTest.establish(probe, node, first, "", offer());
        probe.sendRaw(probe.request("INVITE", id(), "", "application/sdp", offer()));
        String refused = probe.receiveUntilFinal().getLast();
        assertThat(SipProbe.status(refused)).isEqualTo(503);
        assertThat(SipProbe.header(refused, "Retry-After")).isEqualTo("7");
        assertThat(node.server.activeCalls()).isEqualTo(1);
    }

    @Test
    void maxCallsCountsCallsWePlaceAndRefusesPlacingBeyondIt() throws Exception {
        start(new OverloadConfig(1, 0, 1, 10, Duration.ofSeconds(7)));
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(
                new java.net.InetSocketAddress("127.0.0.1", 0))) {
            node.server.placeCall(placed(silent.getLocalPort()));
            assertThat(node.server.activeCalls()).isEqualTo(1);
            // an inbound call beyond the limit: 503
            probe.sendRaw(probe.request("INVITE", id(), "", "application/sdp", offer()));
            String refused = probe.receiveUntilFinal().getLast();
            assertThat(SipProbe.status(refused)).isEqualTo(503);
            assertThat(SipProbe.header(refused, "Retry-After")).isEqualTo("7");
            // placing one more is refused, saying why
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.server.placeCall(placed(silent.getLocalPort())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("sip.max-calls");
            assertThat(node.server.activeCalls()).isEqualTo(1);
        }
    }

    private static OutboundCallRequest placed(int port) {
        return new OutboundCallRequest(null, List.of(SipTarget.of("sip:bob@127.0.0.1:" + port)), "alice", null, "bob",
                null, "echo", List.of(org.voxgate.media.Codec.PCMU), Duration.ofSeconds(30), java.util.Map.of());
    }

    @Test
    void aSourceOverItsRateGets503ForInvitesAndSilenceForTheRest() throws Exception {
        start(new OverloadConfig(0, 0.001, 3, 10, Duration.ofSeconds(5)));
        for (int i = 0; i < 3; i++) {
            probe.sendRaw(probe.request("OPTIONS", id(), "", null, null));
            assertThat(SipProbe.status(probe.receive())).isEqualTo(200);
        }
        probe.sendRaw(probe.request("INVITE", id(), "", "application/sdp", offer()));
        String refused = probe.receive();
        assertThat(SipProbe.status(refused)).isEqualTo(503);
        assertThat(SipProbe.header(refused, "Retry-After")).isEqualTo("5");
        probe.sendRaw(probe.request("OPTIONS", id(), "", null, null));
        assertThat(probe.receive()).as("dropped").isNull();
    }
}
