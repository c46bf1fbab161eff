package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.Codec;
import org.voxgate.media.MediaConfig;
import org.voxgate.media.RtpMediaEngine;
import org.voxgate.sip.auth.DigestCredentials;
import org.voxgate.sip.auth.DigestVerifier;
import org.voxgate.sip.auth.SipPrincipal;

/**
 * Calls placed by one real SIP server (the caller) to another (the callee) on loopback: the
 * callee knows no trunk for the caller's address and challenges, so every answered call also
 * proves the UAC digest retry and the UAS digest check meet.
 */
class OutboundCallTest {
    private final LinkedBlockingQueue<CallSummary> callerEnded = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<ActiveCall> callerAnswered = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<InviteRequest> calleeInvites = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<CallSummary> calleeEnded = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private SipServer caller;
    private int calleePort;

    @BeforeEach
    void start() throws Exception {
        caller = server(new CallHandler() {
            @Override public InviteDecision onInvite(InviteRequest invite) { return InviteDecision.reject(403, "no"); }

            @Override public void onAnswered(ActiveCall call) { callerAnswered.add(call); }

            @Override public void onEnded(CallSummary summary) { callerEnded.add(summary); }
        }, null, SipServerTest.freePort());
        calleePort = SipServerTest.freePort();
        DigestVerifier verifier = new DigestVerifier("callee.test", Duration.ofMinutes(5), 1000,
                (username, realm) -> username.equals("carrier-user")
                        ? Optional.of(DigestCredentials.fromPassword(SipPrincipal.trunk("carrier"), username, realm, "pw"))
                        : Optional.empty(),
                Clock.systemUTC(), new SecureRandom());
        server(new CallHandler() {
            @Override
            public InviteDecision onInvite(InviteRequest invite) {
                calleeInvites.add(invite);
                return switch (invite.dialled()) {
                    case "busy" -> InviteDecision.reject(486, "busy");
                    case "decline" -> InviteDecision.reject(603, "no thanks");
                    default -> InviteDecision.accept("echo");
                };
            }

            @Override public void onAnswered(ActiveCall call) {}

            @Override public void onEnded(CallSummary summary) { calleeEnded.add(summary); }
        }, verifier, calleePort);
    }

    private SipServer server(CallHandler handler, DigestVerifier verifier, int port) throws Exception {
        int rtpBase = SipServerTest.freeUdpRange(8);
        RtpMediaEngine media = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", rtpBase, rtpBase + 7,
                Duration.ofSeconds(30)), Clock.systemUTC()).start();
        SipConfig config = new SipConfig("127.0.0.1", "127.0.0.1", port, List.of("udp"), true, Duration.ZERO,
                "Voxgate-test", Duration.ofMillis(500));
        SipServer server = SipServer.builder(config, media, handler, new SimpleMeterRegistry(), Clock.systemUTC())
                .verifier(verifier).build();
        server.start();
        toClose.add(media);
        toClose.add(server);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private OutboundCallRequest request(String user, String password, Duration ringTimeout) {
        return new OutboundCallRequest(null,
                List.of(new SipTarget("sip:" + user + "@127.0.0.1:" + calleePort, "carrier-user", password)),
                "+442071234567", null, user, "carrier", "echo", List.of(Codec.PCMA, Codec.PCMU), ringTimeout,
                Map.of("campaign", "7"));
    }

    @Test
    void answeredAfterADigestChallengeStartsTheBotAndEndsWithBye() throws Exception {
        OutboundCall call = caller.placeCall(request("echo", "pw", Duration.ofSeconds(20)));

        ActiveCall answered = callerAnswered.poll(10, TimeUnit.SECONDS);
        assertThat(answered).isNotNull();
        assertThat(answered.callId()).isEqualTo(call.callId());
        assertThat(answered.direction()).isEqualTo("outbound");
        assertThat(answered.variables()).containsEntry("campaign", "7");
        InviteRequest seen = calleeInvites.poll(1, TimeUnit.SECONDS);
        assertThat(seen.principal()).isEqualTo(SipPrincipal.trunk("carrier"));
        assertThat(seen.from()).isEqualTo("+442071234567");
        assertThat(caller.activeCalls()).isEqualTo(1);

        call.abort(EndReason.ADMIN_HANGUP);
        CallSummary summary = callerEnded.poll(10, TimeUnit.SECONDS);
        assertThat(summary.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(summary.sipStatus()).isEqualTo(200);
        assertThat(summary.codec()).isEqualTo("PCMA");
        assertThat(summary.trunk()).isEqualTo("carrier");
        assertThat(summary.endReason()).isEqualTo(EndReason.ADMIN_HANGUP);
        assertThat(calleeEnded.poll(10, TimeUnit.SECONDS).endReason()).isEqualTo(EndReason.CALLER_HANGUP);
        assertThat(caller.activeCalls()).isZero();
    }

    @Test
    void theCalleesByeEndsTheCall() throws Exception {
        caller.placeCall(request("echo", "pw", Duration.ofSeconds(20)));
        assertThat(callerAnswered.poll(10, TimeUnit.SECONDS)).isNotNull();
        // the callee's bot hangs up
        toClose.get(3).close(); // the callee server: shutdown sends BYE
        CallSummary summary = callerEnded.poll(10, TimeUnit.SECONDS);
        assertThat(summary.endReason()).isEqualTo(EndReason.CALLEE_HANGUP);
    }

    @Test
    void busyAndDeclineAndBadCredentialsBecomeOutcomes() throws Exception {
        calleeInvites.clear();
        caller.placeCall(request("busy", "pw", Duration.ofSeconds(20)));
        CallSummary busy = callerEnded.poll(10, TimeUnit.SECONDS);
        assertThat(busy.outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(busy.sipStatus()).isEqualTo(486);
        assertThat(busy.endReason()).isEqualTo(EndReason.NOT_ANSWERED);

        caller.placeCall(request("decline", "pw", Duration.ofSeconds(20)));
        assertThat(callerEnded.poll(10, TimeUnit.SECONDS).outcome()).isEqualTo(CallOutcome.REJECTED);

        caller.placeCall(request("echo", "wrong", Duration.ofSeconds(20)));
        CallSummary refused = callerEnded.poll(10, TimeUnit.SECONDS);
        assertThat(refused.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(refused.sipStatus()).isEqualTo(403);
        // nothing unauthenticated reached the callee's application
        assertThat(calleeInvites).extracting(InviteRequest::dialled).containsExactly("busy", "decline");
    }

    @Test
    void aForkedCallIsAnsweredByTheLegThatAnswersWhileTheOtherFails() throws Exception {
        String callee = "@127.0.0.1:" + calleePort;
        OutboundCallRequest request = new OutboundCallRequest(null,
                List.of(new SipTarget("sip:busy" + callee, "carrier-user", "pw"),
                        new SipTarget("sip:echo" + callee, "carrier-user", "pw")),
                "alice", null, "alice", null, "echo", List.of(Codec.PCMU), Duration.ofSeconds(20), Map.of());
        OutboundCall call = caller.placeCall(request);
        ActiveCall answered = callerAnswered.poll(10, TimeUnit.SECONDS);
        assertThat(answered).isNotNull();
        assertThat(answered.callId()).isEqualTo(call.callId());
        call.abort(EndReason.ADMIN_HANGUP);
        CallSummary summary = callerEnded.poll(10, TimeUnit.SECONDS);
        assertThat(summary.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(summary.codec()).isEqualTo("PCMU");
        // the callee saw both INVITEs; the answered leg ended with our BYE
        assertThat(calleeEnded.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(calleeEnded.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(caller.activeCalls()).isZero();
    }

    @Test
    void nobodyAnsweringEndsAsNoAnswerAfterTheRingTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            OutboundCallRequest request = new OutboundCallRequest("no-answer-1@test",
                    List.of(SipTarget.of("sip:+14155550123@127.0.0.1:" + silent.getLocalPort())), "100", null,
                    "+14155550123", null, "echo", List.of(Codec.PCMU), Duration.ofMillis(500), Map.of());
            caller.placeCall(request);
            CallSummary summary = callerEnded.poll(15, TimeUnit.SECONDS);
            assertThat(summary.callId()).isEqualTo("no-answer-1@test");
            assertThat(summary.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
            assertThat(summary.answeredAt()).isNull();
        }
    }
}
