package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pacer tells the playback listener when queued audio starts going out after the queue ran empty. */
class PlaybackListenerTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);

    private final MutableClock clock = new MutableClock(0);
    private final EmbeddedChannel rtp = new EmbeddedChannel();
    private final EmbeddedChannel rtcp = new EmbeddedChannel();
    private final List<Long> started = new CopyOnWriteArrayList<>();
    private RtpMediaEngine engine;
    private RtpSession session;

    @BeforeEach
    void setUp() {
        engine = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", 20000, 20001,
                Duration.ofSeconds(10)), clock, 1);
        session = new RtpSession(engine, "call-playback", 20000, REMOTE, clock, 10_000, new Random(7));
        session.attach(rtp, rtcp);
        session.start(new MediaParameters(Codec.PCMU, 0, REMOTE, -1));
        session.setPlaybackListener(started::add);
    }

    @AfterEach
    void tearDown() {
        session.close();
        engine.close();
    }

    private void tick(long nanos) {
        session.onTick(nanos);
        DatagramPacket packet = rtp.readOutbound();
        if (packet != null) {
            packet.release();
        }
    }

    @Test
    void firstPacketOfEachTalkspurtIsReportedWithItsSendTime() {
        tick(1_000); // silence: nothing to report
        assertThat(started).isEmpty();

        session.play(new short[480], 0, 480); // three frames
        tick(2_000);
        assertThat(started).containsExactly(2_000L);
        tick(3_000);
        tick(4_000);
        assertThat(started).as("the rest of the talkspurt is not a start").containsExactly(2_000L);

        tick(5_000); // queue empty now
        session.play(new short[160], 0, 160);
        tick(6_000);
        assertThat(started).containsExactly(2_000L, 6_000L);
    }

    @Test
    void clearedThenRefilledQueueStartsAgainAndAClearedListenerHearsNothing() {
        session.play(new short[1600], 0, 1600);
        tick(1);
        session.clearPlayback();
        tick(2); // empty
        session.play(new short[160], 0, 160);
        tick(3);
        assertThat(started).containsExactly(1L, 3L);

        session.setPlaybackListener(null);
        tick(4);
        session.play(new short[160], 0, 160);
        tick(5);
        assertThat(started).containsExactly(1L, 3L);
    }
}
