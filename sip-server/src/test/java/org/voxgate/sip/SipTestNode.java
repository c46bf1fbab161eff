package org.voxgate.sip;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.voxgate.media.MediaConfig;
import org.voxgate.media.RtpMediaEngine;

/**
 * A SIP server on loopback with a real RTP engine and an application side that takes every
 * call for the bot "echo", records answered and ended calls and the DTMF digits each call's
 * media delivers. For tests that need their own dialog settings.
 */
final class SipTestNode implements AutoCloseable {
    final List<ActiveCall> answered = new CopyOnWriteArrayList<>();
    final List<CallSummary> ended = new CopyOnWriteArrayList<>();
    final List<String> digits = new CopyOnWriteArrayList<>();
    final SipServer server;
    final RtpMediaEngine media;
    final int port;

    SipTestNode(DialogConfig dialog) throws Exception {
        this(dialog, List.of("udp", "tcp"));
    }

    SipTestNode(DialogConfig dialog, List<String> transports) throws Exception {
        port = SipServerTest.freePort();
        int rtpBase = SipServerTest.freeUdpRange(8);
        media = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", rtpBase, rtpBase + 7,
                Duration.ofSeconds(30)), Clock.systemUTC()).start();
        SipConfig config = new SipConfig("127.0.0.1", "127.0.0.1", port, transports, false,
                Duration.ZERO, "Voxgate-test", Duration.ofMillis(200));
        CallHandler handler = new CallHandler() {
            @Override
            public InviteDecision onInvite(InviteRequest invite) { return InviteDecision.accept("echo"); }

            @Override
            public void onAnswered(ActiveCall call) {
                call.media().setDtmfListener((digit, millis) -> digits.add(call.callId() + ":" + digit));
                answered.add(call);
            }

            @Override
            public void onEnded(CallSummary summary) { ended.add(summary); }
        };
        // The probes send from 127.0.0.1, the inbound source of the trunk "loopback".
        server = SipServer.builder(config, media, handler, new SimpleMeterRegistry(), Clock.systemUTC())
                .dialog(dialog).trunks(LoopbackTrunk.directory()).build();
        server.start();
    }

    CallSummary awaitEnded(String callId) {
        awaitTrue(() -> ended.stream().anyMatch(s -> s.callId().equals(callId)));
        return ended.stream().filter(s -> s.callId().equals(callId)).findFirst().orElseThrow();
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("condition not met within 10 s");
        }
    }

    @Override
    public void close() {
        server.close();
        media.close();
    }
}
