package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.rtp.RtpHeader;

/**
 * The send path and timeout check driven tick by tick, without threads or sockets: the session
 * writes into Netty's in-memory {@link EmbeddedChannel} and the test calls the pacer's tick.
 */
class RtpSessionSendPathTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);

    private final MutableClock clock = new MutableClock(0);
    private final EmbeddedChannel rtp = new EmbeddedChannel();
    private final EmbeddedChannel rtcp = new EmbeddedChannel();
    private RtpMediaEngine engine;
    private RtpSession session;
    private final RtpHeader header = new RtpHeader();

    @BeforeEach
    void setUp() {
        // never started: it only lends the session its counters and port bookkeeping
        engine = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", 20000, 20001,
                Duration.ofSeconds(10)), clock, 1);
        session = new RtpSession(engine, "call-send", 20000, REMOTE, clock, 10_000, new Random(7));
        session.attach(rtp, rtcp);
    }

    @AfterEach
    void tearDown() {
        session.close();
        engine.close();
    }

    /** Runs one tick and returns the packet it sent, or null. Each returned header is parsed into {@link #header}. */
    private byte[] tick() {
        session.onTick(0);
        DatagramPacket packet = rtp.readOutbound();
        if (packet == null) {
            return null;
        }
        try {
            assertThat(packet.recipient()).isEqualTo(REMOTE);
            ByteBuf content = packet.content();
            assertThat(header.parse(content)).isTrue();
            byte[] payload = new byte[header.payloadLength()];
            content.getBytes(header.payloadOffset(), payload);
            return payload;
        } finally {
            packet.release();
        }
    }

    @Test
    void silenceFlowsContinuouslyAndTheMarkerOpensEachTalkspurt() {
        assertThat(tick()).as("nothing before start").isNull();
        session.start(new MediaParameters(Codec.PCMA, 8, REMOTE, -1));

        byte[] first = tick();
        assertThat(first).hasSize(160).containsOnly((byte) 0xD5);
        assertThat(header.marker()).isTrue(); // the stream's first packet
        assertThat(header.payloadType()).isEqualTo(8);
        long ssrc = header.ssrc();
        int seq = header.sequenceNumber();
        long ts = header.timestamp();

        tick();
        assertThat(header.marker()).isFalse();

        short[] speech = Tones.sine(700, 320, 6000, 0);
        session.play(speech, 0, 320);
        assertThat(session.queuedPlaybackMillis()).isEqualTo(40);
        byte[] a1 = tick();
        assertThat(a1).isNotEqualTo(first);
        assertThat(header.marker()).isTrue();
        assertThat(session.queuedPlaybackMillis()).isEqualTo(20);
        tick();
        assertThat(header.marker()).isFalse();
        assertThat(tick()).containsOnly((byte) 0xD5);
        assertThat(header.marker()).isFalse();

        session.play(speech, 0, 160);
        tick();
        assertThat(header.marker()).isTrue();
        assertThat(header.ssrc()).isEqualTo(ssrc);
        assertThat(header.sequenceNumber()).isEqualTo((seq + 5) & 0xFFFF);
        assertThat(header.timestamp()).isEqualTo((ts + 5 * 160) & 0xFFFFFFFFL);
        assertThat(session.stats().packetsOut()).isEqualTo(6);
    }

    @Test
    void aPartialFrameWaitsOneTickForMoreThenGoesOutPadded() {
        session.start(new MediaParameters(Codec.PCMU, 0, REMOTE, -1));
        short[] loud = new short[200];
        java.util.Arrays.fill(loud, (short) 10000);

        session.play(loud, 0, 100);
        assertThat(tick()).containsOnly((byte) 0xFF); // held back, silence sent instead
        session.play(loud, 0, 100);
        byte[] full = tick();                            // 200 queued: a full frame goes
        assertThat(full).doesNotContain((byte) 0xFF);
        byte[] rest = tick();                            // 40 left: held one tick
        assertThat(rest).containsOnly((byte) 0xFF);
        byte[] padded = tick();                          // nothing more came: padded out
        assertThat(padded[0]).isNotEqualTo((byte) 0xFF);
        assertThat(padded[39]).isNotEqualTo((byte) 0xFF);
        assertThat(padded[40]).isEqualTo((byte) 0xFF);
        assertThat(session.queuedPlaybackMillis()).isZero();
    }

    @Test
    void clearPlaybackSilencesTheNextTick() {
        session.start(new MediaParameters(Codec.PCMU, 0, REMOTE, -1));
        short[] loud = new short[1600];
        java.util.Arrays.fill(loud, (short) 10000);
        session.play(loud, 0, loud.length);
        assertThat(tick()).doesNotContain((byte) 0xFF);
        session.clearPlayback();
        assertThat(session.queuedPlaybackMillis()).isZero();
        assertThat(tick()).containsOnly((byte) 0xFF);
    }

    @Test
    void theTimeoutFiresOnceOnTheInjectedClock() {
        AtomicInteger fired = new AtomicInteger();
        session.setTimeoutListener(fired::incrementAndGet);
        session.start(new MediaParameters(Codec.PCMU, 0, REMOTE, -1));
        clock.advanceMillis(9_999);
        tick();
        assertThat(fired).hasValue(0);
        clock.advanceMillis(1);
        tick();
        tick();
        clock.advanceMillis(60_000);
        tick();
        assertThat(fired).hasValue(1);
    }

    @Test
    void nothingIsSentToAnOnHoldAddress() {
        InetSocketAddress hold = new InetSocketAddress("0.0.0.0", 40000);
        session.start(new MediaParameters(Codec.PCMU, 0, hold, -1));
        assertThat(tick()).isNull();
        assertThat(session.stats().packetsOut()).isZero();
    }
}
