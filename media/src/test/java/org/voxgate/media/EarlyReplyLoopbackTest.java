package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A real engine's session on loopback: replies queued between stretches of silence start ahead
 * of the pacer's tick, and the peer still receives one continuous stream (no sequence or
 * timestamp gap, the marker on each reply's first packet, every reply frame intact). Times are
 * not asserted here (the stepped-clock {@link TalkspurtSchedulerTest} does that); only that the
 * early start was taken.
 */
class EarlyReplyLoopbackTest {
    private static final int REPLY_FRAMES = 5;
    /** PCMU of the replies' constant sample value. */
    private static final byte REPLY_BYTE = org.voxgate.media.codec.G711.linearToUlaw((short) 3000);

    @Test
    void repliesStartEarlyInOneContinuousStream() throws Exception {
        int base = LoopbackPorts.freeRange(2);
        try (RtpMediaEngine engine = new RtpMediaEngine(
                new MediaConfig("127.0.0.1", "127.0.0.1", base, base + 1, Duration.ofSeconds(60)), Clock.systemUTC(), 1);
                RtpTestPeer peer = new RtpTestPeer()) {
            engine.start();
            RtpSession session = (RtpSession) engine.open("early");
            session.start(new MediaParameters(Codec.PCMU, 0, new java.net.InetSocketAddress("127.0.0.1", peer.port()), -1));
            short[] reply = new short[REPLY_FRAMES * AudioChannel.FRAME_SAMPLES];
            Arrays.fill(reply, (short) 3000);

            RtpTestPeer.Packet previous = peer.receive();
            int replies = 0;
            int audioInReply = 0;
            int silentSinceReply = 0;
            while (replies < 3 || audioInReply < REPLY_FRAMES) {
                RtpTestPeer.Packet p = peer.receive();
                assertThat(p).as("the stream keeps flowing").isNotNull();
                assertThat(p.sequence()).isEqualTo((previous.sequence() + 1) & 0xFFFF);
                assertThat(p.timestamp()).isEqualTo((previous.timestamp() + 160) & 0xFFFFFFFFL);
                boolean audio = p.payload()[0] == REPLY_BYTE;
                if (audio) {
                    assertThat(p.payload()).containsOnly(REPLY_BYTE);
                    assertThat(p.marker()).as("marker on a reply's first packet only").isEqualTo(audioInReply == 0);
                    audioInReply++;
                    silentSinceReply = 0;
                } else {
                    assertThat(p.marker()).isFalse();
                    assertThat(audioInReply).as("a reply is not cut").isIn(0, REPLY_FRAMES);
                    audioInReply = 0;
                    if (++silentSinceReply == 3) { // idle for a while: the next reply opens a talkspurt
                        session.play(reply, 0, reply.length);
                        replies++;
                    }
                }
                previous = p;
            }
            // a play() racing the very tick that would send it anyway starts on that tick; three in a row do not
            assertThat(session.talkspurts().earlyStarts()).isPositive();
            session.close();
        }
    }
}
