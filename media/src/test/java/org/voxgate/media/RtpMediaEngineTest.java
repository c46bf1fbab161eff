package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.G711;

/** End to end over loopback UDP: a plain DatagramSocket plays the caller. */
class RtpMediaEngineTest {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private RtpMediaEngine engine(int pairs, Clock clock, Duration timeout) throws Exception {
        int base = LoopbackPorts.freeRange(2 * pairs);
        MediaConfig config = new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 2 * pairs - 1, timeout);
        RtpMediaEngine engine = new RtpMediaEngine(config, clock, 1);
        toClose.add(engine);
        return engine.start();
    }

    private static String offer(int port) {
        return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\na=sendrecv\r\n";
    }

    @Test
    void audioAndDigitsCrossBothWaysWithSymmetricRtp() throws Exception {
        RtpMediaEngine engine = engine(4, Clock.systemUTC(), Duration.ofSeconds(60));
        assertThat(engine.isReady()).isTrue();
        MediaSession session = engine.open("call-loopback");
        assertThat(engine.allocatedPorts()).isEqualTo(2);
        assertThat(engine.activeSessions()).isEqualTo(1);

        RtpTestPeer peer = new RtpTestPeer();
        RtpTestPeer sdpTarget = new RtpTestPeer(); // where the SDP says to send, not where the peer is
        toClose.add(peer);
        toClose.add(sdpTarget);

        SdpAnswer answer = engine.answer(offer(sdpTarget.port()), session);
        assertThat(answer.sdp()).contains("m=audio " + session.localRtpAddress().getPort() + " RTP/AVP 0 101");
        LinkedBlockingQueue<short[]> frames = new LinkedBlockingQueue<>();
        CopyOnWriteArrayList<Character> digits = new CopyOnWriteArrayList<>();
        session.setInboundListener(frame -> frames.add(frame.clone()));
        session.setDtmfListener((digit, ms) -> digits.add(digit));
        session.start(answer.parameters());

        // before the caller sends anything, comfort silence goes to the SDP address
        RtpTestPeer.Packet early = sdpTarget.receive();
        assertThat(early).isNotNull();
        assertThat(early.payload()).containsOnly((byte) 0xFF);

        // caller -> engine: one second of 1 kHz tone, then the digit 7
        InetSocketAddress engineRtp = new InetSocketAddress(LoopbackPorts.LOOPBACK, session.localRtpAddress().getPort());
        short[] tone = Tones.sine(1000, 8000, 8000, 0);
        byte[] payload = new byte[160];
        for (int f = 0; f < 50; f++) {
            G711.encodeUlaw(tone, f * 160, payload, 0, 160);
            peer.send(engineRtp, f == 0, 0, 1000 + f, 5000 + 160L * f, 0x1234, payload);
            Thread.sleep(20); // in real time, like a phone: the jitter buffer plays at 50 frames a second
        }
        byte[] end = {7, (byte) 0x8A, 0x03, 0x20};
        for (int i = 0; i < 3; i++) {
            peer.send(engineRtp, false, 101, 1050 + i, 20000, 0x1234, end);
        }

        // the peer is not at the SDP address (NAT): its first RUN-1 packets only prove it sends in
        // sequence before the latch believes it, so they are not played
        int believed = 50 - (RemoteLatch.RUN - 1);
        short[] received = new short[believed * 160];
        for (int f = 0; f < believed; f++) {
            short[] frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("frame %d", f).isNotNull().hasSize(160);
            System.arraycopy(frame, 0, received, f * 160, 160);
        }
        assertThat(Tones.toneShare(received, 1000)).isGreaterThan(0.9);
        assertThat(Tones.toneShare(received, 1500)).isLessThan(0.01);
        awaitTrue(() -> digits.size() == 1);
        assertThat(digits).containsExactly('7');

        // engine -> caller: the reply goes to the observed source, not to the SDP address
        short[] play = Tones.sine(1000, 1600, 8000, 0);
        session.play(play, 0, play.length);
        assertThat(session.queuedPlaybackMillis()).isBetween(0L, 200L);

        List<RtpTestPeer.Packet> packets = new ArrayList<>();
        int audioPackets = 0;
        int trailingSilence = 0;
        while (trailingSilence < 3) {
            RtpTestPeer.Packet p = peer.receive();
            assertThat(p).as("RTP from the engine").isNotNull();
            packets.add(p);
            boolean silent = isSilence(p.payload());
            if (!silent) {
                audioPackets++;
            } else if (audioPackets > 0) {
                trailingSilence++;
            }
        }
        assertThat(audioPackets).isEqualTo(10);
        RtpTestPeer.Packet first = packets.get(0);
        short[] sent = new short[1600];
        int audioIndex = 0;
        for (int i = 0; i < packets.size(); i++) {
            RtpTestPeer.Packet p = packets.get(i);
            assertThat(p.payloadType()).isZero();
            assertThat(p.ssrc()).isEqualTo(first.ssrc()).isEqualTo(early.ssrc());
            assertThat(p.payload()).hasSize(160);
            if (i > 0) {
                RtpTestPeer.Packet prev = packets.get(i - 1);
                assertThat(p.sequence()).isEqualTo((prev.sequence() + 1) & 0xFFFF);
                assertThat(p.timestamp()).isEqualTo((prev.timestamp() + 160) & 0xFFFFFFFFL);
            }
            boolean silent = isSilence(p.payload());
            if (!silent) {
                // the marker starts the talkspurt and only there
                assertThat(p.marker()).as("marker on packet %d", audioIndex).isEqualTo(audioIndex == 0);
                G711.decodeUlaw(p.payload(), 0, sent, audioIndex * 160, 160);
                audioIndex++;
            } else if (i > 0) {
                assertThat(p.marker()).isFalse();
            }
        }
        assertThat(Tones.toneShare(sent, 1000)).isGreaterThan(0.9);
        assertThat(session.queuedPlaybackMillis()).isZero();

        MediaStats stats = session.stats();
        assertThat(stats.packetsIn()).isEqualTo(53 - (RemoteLatch.RUN - 1));
        assertThat(stats.packetsRejected()).isEqualTo(RemoteLatch.RUN - 1);
        // loopback loses nothing; on a busy machine a packet may reach the jitter buffer after
        // its playout time, and then it counts as late as well as lost - never lost alone
        assertThat(stats.packetsLost()).isLessThanOrEqualTo(stats.packetsLate());
        assertThat(stats.packetsDuplicate()).isZero();
        assertThat(stats.packetsOut()).isGreaterThanOrEqualTo(packets.size());
        assertThat(engine.packetsIn()).isEqualTo(53 - (RemoteLatch.RUN - 1));
        assertThat(engine.packetsOut()).isGreaterThanOrEqualTo(stats.packetsOut());

        session.close();
        session.close();
        assertThat(engine.allocatedPorts()).isZero();
        assertThat(engine.activeSessions()).isZero();
    }

    @Test
    void clearPlaybackDropsQueuedAudioAtOnce() throws Exception {
        RtpMediaEngine engine = engine(2, Clock.systemUTC(), Duration.ofSeconds(60));
        MediaSession session = engine.open("call-clear");
        short[] tenSeconds = new short[80_000];
        session.play(tenSeconds, 0, tenSeconds.length);
        // not started: nothing is paced out yet, so the queue is exact
        assertThat(session.queuedPlaybackMillis()).isEqualTo(10_000);
        session.play(tenSeconds, 0, 4);
        assertThat(session.queuedPlaybackMillis()).isEqualTo(10_000); // 0.5 ms rounds down
        session.clearPlayback();
        assertThat(session.queuedPlaybackMillis()).isZero();
        session.close();
    }

    @Test
    void portsAreHeldPerSessionSkippedWhenBusyAndExhaustionIsReported() throws Exception {
        int base = LoopbackPorts.freeRange(6);
        MediaConfig config = new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 5, Duration.ofSeconds(60));
        RtpMediaEngine engine = new RtpMediaEngine(config, Clock.systemUTC(), 1);
        toClose.add(engine);
        assertThat(engine.isReady()).isFalse();
        assertThatThrownBy(() -> engine.open("too-early")).isInstanceOf(MediaException.class);
        engine.start();

        // something else already holds the RTCP port of the first pair
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(LoopbackPorts.LOOPBACK, base + 1))) {
            assertThat(squatter.isBound()).isTrue();
            MediaSession a = engine.open("a");
            MediaSession b = engine.open("b");
            assertThat(a.localRtpAddress().getPort()).isEqualTo(base + 2);
            assertThat(b.localRtpAddress().getPort()).isEqualTo(base + 4);
            assertThat(engine.allocatedPorts()).isEqualTo(4);

            // the pair is really held: nobody else can bind it
            assertThatThrownBy(() -> new DatagramSocket(new InetSocketAddress(LoopbackPorts.LOOPBACK, base + 3)).close())
                    .isInstanceOf(java.net.BindException.class);
            assertThatThrownBy(() -> engine.open("c")).isInstanceOf(MediaException.class);
            assertThat(engine.allocatedPorts()).isEqualTo(4);

            a.close();
            assertThat(engine.allocatedPorts()).isEqualTo(2);
            // NIO closes a selector-registered socket when its event loop next selects, a moment
            // after close() returns; the engine would skip the pair if asked too soon, the test
            // wants this exact pair back
            awaitTrue(() -> bindable(base + 2) && bindable(base + 3));
            MediaSession c = engine.open("c");
            assertThat(c.localRtpAddress().getPort()).isEqualTo(base + 2);
            c.close();
            b.close();
        }
        assertThat(engine.allocatedPorts()).isZero();
        engine.close();
        assertThat(engine.isReady()).isFalse();
    }

    @Test
    void engineCloseClosesOpenSessions() throws Exception {
        RtpMediaEngine engine = engine(2, Clock.systemUTC(), Duration.ofSeconds(60));
        engine.open("left-open");
        engine.close();
        assertThat(engine.allocatedPorts()).isZero();
        assertThat(engine.activeSessions()).isZero();
    }

    private static boolean isSilence(byte[] payload) {
        for (byte b : payload) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static boolean bindable(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LoopbackPorts.LOOPBACK, port))) {
            return s.isBound();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
