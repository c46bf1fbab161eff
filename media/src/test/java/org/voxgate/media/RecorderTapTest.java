package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.AudioCodec;

/**
 * The recorder tap of {@link RtpSession}, driven tick by tick and packet by packet without
 * threads: one bot frame per pacer tick (what is sent, silence included), one caller frame per
 * decoded inbound frame.
 */
class RecorderTapTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);

    private final MutableClock clock = new MutableClock(0);
    private final EmbeddedChannel rtp = new EmbeddedChannel();
    private final EmbeddedChannel rtcp = new EmbeddedChannel();
    private final List<short[]> callerFrames = new ArrayList<>();
    private final List<short[]> botFrames = new ArrayList<>();
    private RtpMediaEngine engine;
    private RtpSession session;

    @BeforeEach
    void setUp() {
        engine = new RtpMediaEngine(new MediaConfig("127.0.0.1", "127.0.0.1", 20000, 20001,
                Duration.ofSeconds(10)), clock, 1);
        session = new RtpSession(engine, "call-rec", 20000, REMOTE, clock, 10_000, new Random(7));
        session.attach(rtp, rtcp);
        session.setRecorder(new CallRecorderTap() {
            @Override
            public void onCallerFrame(short[] frame) {
                callerFrames.add(frame.clone());
            }

            @Override
            public void onBotFrame(short[] frame) {
                botFrames.add(frame.clone());
            }
        });
    }

    @AfterEach
    void tearDown() {
        session.close();
        engine.close();
    }

    @Test
    void everyTickTapsWhatIsSentPaddedOrSilence() {
        session.start(new MediaParameters(Codec.PCMU, 0, REMOTE, -1));
        tick(); // nothing queued: silence
        short[] tone = Tones.sine(1000, 260, 8000, 0);
        session.play(tone, 0, 260);
        tick(); // a full frame
        tick(); // 100 left: held back one tick, silence sent
        tick(); // the 100, padded

        assertThat(botFrames).hasSize(4);
        assertThat(botFrames.get(0)).containsOnly((short) 0);
        assertThat(botFrames.get(1)).isEqualTo(java.util.Arrays.copyOfRange(tone, 0, 160));
        assertThat(botFrames.get(2)).containsOnly((short) 0);
        assertThat(java.util.Arrays.copyOfRange(botFrames.get(3), 0, 100))
                .isEqualTo(java.util.Arrays.copyOfRange(tone, 160, 260));
        assertThat(java.util.Arrays.copyOfRange(botFrames.get(3), 100, 160)).containsOnly((short) 0);
    }

    @Test
    void onHoldTheTickStillTapsSilence() {
        session.start(new MediaParameters(Codec.PCMU, 0, REMOTE, -1));
        session.applyDirection(false, false); // sendonly/inactive from our side: nothing goes out
        short[] tone = Tones.sine(1000, 160, 8000, 0);
        session.play(tone, 0, 160);
        session.onTick(0);
        assertThat(botFrames).hasSize(1);
        assertThat(rtp.outboundMessages()).isEmpty();
        assertThat(botFrames.get(0)).as("nothing was sent, so the recording hears silence").containsOnly((short) 0);
    }

    @Test
    void decodedCallerFramesReachTheTapAndAClearedTapHearsNothing() {
        session.start(new MediaParameters(Codec.PCMU, 0, REMOTE, -1));
        short[] tone = Tones.sine(700, 320, 8000, 0);
        byte[] payload = new byte[320];
        AudioCodec.PCMU.encode(tone, 0, payload, 0, 320);
        for (int seq = 1; seq <= RemoteLatch.RUN; seq++) {
            session.onDatagram(packet(seq, seq * 160L, payload, seq % 2 == 1 ? 0 : 160), REMOTE);
        }
        // eager playout (the session's default): the packets came in order, so they came out as
        // decoded frames on arrival; the ticks add frames only for audio overdue
        assertThat(callerFrames).hasSize(RemoteLatch.RUN);
        for (int i = 0; i < 10; i++) {
            tick();
            rtp.runPendingTasks();
        }
        int heard = callerFrames.size();
        assertThat(heard).isGreaterThanOrEqualTo(RemoteLatch.RUN);
        short[] first = new short[160];
        short[] second = new short[160];
        AudioCodec.PCMU.decode(payload, 0, first, 0, 160);
        AudioCodec.PCMU.decode(payload, 160, second, 0, 160);
        int at = -1;
        for (int i = 0; i < callerFrames.size() && at < 0; i++) {
            if (java.util.Arrays.equals(callerFrames.get(i), first)) {
                at = i;
            }
        }
        assertThat(at).as("first packet's frame among %s frames", callerFrames.size()).isNotNegative();
        assertThat(callerFrames.get(at + 1)).isEqualTo(second);

        session.setRecorder(null);
        session.onDatagram(packet(RemoteLatch.RUN + 1, (RemoteLatch.RUN + 1) * 160L, payload, 0), REMOTE);
        tick();
        rtp.runPendingTasks();
        assertThat(callerFrames).hasSize(heard);
        assertThat(botFrames).hasSize(10);
    }

    private void tick() {
        session.onTick(0);
        DatagramPacket sent = rtp.readOutbound();
        if (sent != null) {
            sent.release();
        }
    }

    private static ByteBuf packet(int seq, long timestamp, byte[] payload, int offset) {
        ByteBuf b = Unpooled.buffer(12 + 160);
        b.writeByte(0x80).writeByte(0).writeShort(seq).writeInt((int) timestamp).writeInt(0x1234);
        b.writeBytes(payload, offset, 160);
        return b;
    }
}
