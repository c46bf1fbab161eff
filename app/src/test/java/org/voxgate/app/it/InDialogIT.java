package org.voxgate.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests inside a call, against the real server process driven by SIPp: hold and resume by
 * re-INVITE (our RTP stops while held and comes back), DTMF by SIP INFO driving the offline
 * receptionist to its goodbye, session-timer refresh and expiry (Min-SE lowered to 2 s for
 * the test), and a CANCEL crossing our 200 OK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InDialogIT {
    private Path work;
    private VoxgateProcess server;

    @BeforeAll
    void startServer() throws Exception {
        work = Files.createTempDirectory("voxgate-indialog-it");
        server = new VoxgateProcess(work.resolve("node"), Map.of("VOXGATE_SIP_SESSION_TIMER_MIN_SE_SECONDS", "2")).start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            assertThat(server.terminate()).isIn(0, 143);
        }
    }

    private record Call(String callId, Sipp.Running sipp) {}

    private Call call(String scenario, String tag, RtpPeer peer, String user) throws Exception {
        Sipp sipp = Sipp.scenario(scenario, server.sipPort, work.resolve("sipp-" + tag));
        String callId = sipp.callIdTag(tag + "-" + UUID.randomUUID());
        Sipp.Running running = sipp.inject(List.of("127.0.0.1;" + peer.port() + ";" + user + ";")).start(1, 120);
        return new Call(callId, running);
    }

    @Test
    void holdByReInviteStopsOurRtpAndResumeBringsItBack() throws Exception {
        Call call;
        List<long[]> timeline = new ArrayList<>(); // {millis since start, samples received}
        try (RtpPeer peer = new RtpPeer()) {
            call = call("uac-hold-resume.xml", "hold", peer, "echo");
            assertThat(peer.awaitServer(15, TimeUnit.SECONDS)).as("RTP before hold").isTrue();
            long start = System.nanoTime();
            while (call.sipp().process().isAlive()) {
                timeline.add(new long[] {(System.nanoTime() - start) / 1_000_000, peer.receivedSamples()});
                Thread.sleep(100);
            }
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as(result.describe() + "\n" + server.logText()).isZero();
        }
        // the longest stretch without a single packet from us, between packets before and after
        long longestQuiet = 0;
        long quietSince = -1;
        for (int i = 1; i < timeline.size(); i++) {
            boolean grew = timeline.get(i)[1] > timeline.get(i - 1)[1];
            if (!grew && quietSince < 0) {
                quietSince = timeline.get(i - 1)[0];
            } else if (grew && quietSince >= 0) {
                longestQuiet = Math.max(longestQuiet, timeline.get(i)[0] - quietSince);
                quietSince = -1;
            }
        }
        Figures.record("hold by re-INVITE: longest pause in our RTP", longestQuiet + " ms (held for 4000 ms)");
        assertThat(longestQuiet).as("our RTP paused while held, then resumed").isBetween(2500L, 6000L);
        long last = timeline.getLast()[1];
        long beforeEnd = timeline.get(Math.max(0, timeline.size() - 20))[1];
        assertThat(last).as("RTP flowing again after resume").isGreaterThan(beforeEnd);
        JsonNode record = server.awaitEndedCall(call.callId());
        assertThat(record.path("endReason").asText()).isEqualTo("caller_hangup");
    }

    @Test
    void dtmfBySipInfoDrivesTheReceptionistToItsGoodbye() throws Exception {
        Call call;
        try (RtpPeer peer = new RtpPeer()) {
            call = call("uac-info-dtmf.xml", "info", peer, "4000");
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as("the bot hung up after the INFO digits\n" + result.describe()
                    + "\n" + server.logText()).isZero();
        }
        JsonNode record = server.awaitEndedCall(call.callId());
        assertThat(record.path("endReason").asText()).isEqualTo("bot_hangup");
        assertThat(record.path("turns").toString()).contains("[dtmf 1]").contains("booked");
    }

    @Test
    void weRefreshTheSessionWhenAskedTo() throws Exception {
        Call call;
        try (RtpPeer peer = new RtpPeer()) {
            call = call("uac-session-refresh.xml", "refresh", peer, "echo");
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
        }
        assertThat(server.awaitEndedCall(call.callId()).path("endReason").asText()).isEqualTo("caller_hangup");
    }

    @Test
    void aSessionTheCallerDoesNotRefreshIsEndedWithBye() throws Exception {
        Call call;
        try (RtpPeer peer = new RtpPeer()) {
            call = call("uac-session-expiry.xml", "expiry", peer, "echo");
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as(result.describe()).isZero();
        }
        assertThat(server.awaitEndedCall(call.callId()).path("endReason").asText()).isEqualTo("session_timeout");
    }

    @Test
    void aCancelCrossingOurOkLosesAndTheCallGoesOnUntilBye() throws Exception {
        Call call;
        try (RtpPeer peer = new RtpPeer()) {
            call = call("uac-cancel-crossing.xml", "crossing", peer, "echo");
            Sipp.Result result = call.sipp().await();
            assertThat(result.exitCode()).as("CANCEL got 200, no 487, the call went on\n" + result.describe()).isZero();
        }
        JsonNode record = server.awaitEndedCall(call.callId());
        assertThat(record.path("endReason").asText()).isEqualTo("caller_hangup");
        assertThat(record.path("answeredAt").isNull()).isFalse();
    }
}
