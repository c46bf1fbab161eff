package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The media timeout runs on the injected clock, so seconds of silence take no real time. */
class MediaTimeoutTest {

    @Test
    void firesOnceAfterTheTimeoutMeasuredFromTheLastPacket() throws Exception {
        MutableClock clock = new MutableClock(1_000_000);
        int base = LoopbackPorts.freeRange(2);
        MediaConfig config = new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 1, Duration.ofSeconds(5));
        try (RtpMediaEngine engine = new RtpMediaEngine(config, clock, 1).start();
                RtpTestPeer peer = new RtpTestPeer()) {
            MediaSession session = engine.open("call-timeout");
            AtomicInteger fired = new AtomicInteger();
            CountDownLatch latch = new CountDownLatch(1);
            session.setTimeoutListener(() -> {
                fired.incrementAndGet();
                latch.countDown();
            });
            session.start(new MediaParameters(Codec.PCMA, 8,
                    new InetSocketAddress(LoopbackPorts.LOOPBACK, peer.port()), -1));

            clock.advanceMillis(4_000);
            InetSocketAddress engineRtp = new InetSocketAddress(LoopbackPorts.LOOPBACK, session.localRtpAddress().getPort());
            peer.send(engineRtp, true, 8, 1, 0, 99, new byte[160]);
            RtpMediaEngineTest.awaitTrue(() -> session.stats().packetsIn() == 1);

            // 4.9 s after the packet: the pacer keeps ticking, but the clock says not yet
            clock.advanceMillis(4_900);
            waitForTicks(peer, 3);
            assertThat(fired).hasValue(0);

            clock.advanceMillis(200);
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();

            clock.advanceMillis(60_000);
            waitForTicks(peer, 3);
            assertThat(fired).hasValue(1);
            session.close();
        }
    }

    /** Each tick sends one packet to the peer, so receiving n packets proves n ticks ran. */
    private static void waitForTicks(RtpTestPeer peer, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            assertThat(peer.receive()).isNotNull();
        }
    }
}
