package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.AudioCodecs;
import org.voxgate.media.rtp.RtpHeader;

/**
 * When a reply's frames go out: the real send path (PCMU encoder, RTP sender, recorder tap,
 * playback listener) writing into Netty's in-memory channel, driven by a shared 20 ms tick on a
 * stepped virtual clock, exactly as the engine's pacer drives a session.
 */
class TalkspurtSchedulerTest {
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);
    /** PCMU of digital silence. */
    private static final byte SILENCE = (byte) 0xFF;

    private record Sent(long atNanos, boolean marker, int sequence, long timestamp, boolean audio) {}

    private final EmbeddedChannel rtp = new EmbeddedChannel();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Boolean> botFrames = new ArrayList<>();
    private final List<Long> started = new ArrayList<>();
    private final SteppedScheduler pacer = new SteppedScheduler(0, this::drain);
    private final PlaybackQueue playback = new PlaybackQueue(8000, 8000 * 60);
    private final SendPath send = new SendPath(playback, new Random(3));
    private final RtpHeader header = new RtpHeader();
    private RtcpSession rtcp;
    private TalkspurtScheduler talkspurts;
    private long ticks;

    @BeforeEach
    void setUp() {
        send.useEncoder(AudioCodecs.encoder(Codec.PCMU, CodecOptions.NONE), 0);
        rtcp = new RtcpSession(send.sender().ssrc(), send.sender().sequence(), 8000, "test@voxgate", new Random(1),
                0, 0);
        send.setRecorder(new CallRecorderTap() {
            @Override
            public void onCallerFrame(short[] frame) {}

            @Override
            public void onBotFrame(short[] frame) {
                botFrames.add(frame[0] != 0);
            }
        });
        send.setPlaybackListener(started::add);
        talkspurts = new TalkspurtScheduler(pacer, pacer::nanoTime, send, playback, now -> {
            send.tick(now, rtp, REMOTE, true, -1, rtcp);
            return true;
        });
        // the engine's pacer: one drift-free tick every 20 ms from 0
        pacer.execute(new Runnable() {
            @Override
            public void run() {
                talkspurts.onTick(pacer.nanoTime());
                ticks++;
                pacer.schedule(this, ticks * 20 * MS - pacer.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        });
    }

    @AfterEach
    void tearDown() {
        send.close();
        rtp.finishAndReleaseAll();
    }

    /** What the session's play() does: queue, then tell the scheduler. */
    private void play(int frames) {
        short[] pcm = new short[frames * AudioChannel.FRAME_SAMPLES];
        Arrays.fill(pcm, (short) 3000);
        playback.offer(pcm, 0, pcm.length);
        talkspurts.audioQueued();
    }

    private void runUntilMillis(long millis) {
        pacer.runUntil(millis * MS);
    }

    private void drain() {
        DatagramPacket packet;
        while ((packet = rtp.readOutbound()) != null) {
            try {
                ByteBuf content = packet.content();
                assertThat(header.parse(content)).isTrue();
                byte[] payload = new byte[header.payloadLength()];
                content.getBytes(header.payloadOffset(), payload);
                boolean audio = false;
                for (byte b : payload) {
                    audio |= b != SILENCE;
                }
                sent.add(new Sent(pacer.nanoTime(), header.marker(), header.sequenceNumber(), header.timestamp(), audio));
            } finally {
                packet.release();
            }
        }
    }

    private List<Long> sendMillis() {
        return sent.stream().map(s -> s.atNanos() / MS).toList();
    }

    private List<Long> audioMillis() {
        return sent.stream().filter(Sent::audio).map(s -> s.atNanos() / MS).toList();
    }

    private List<Long> markerMillis() {
        return sent.stream().filter(Sent::marker).map(s -> s.atNanos() / MS).toList();
    }

    /**
     * One packet per tick, contiguous sequence numbers and timestamps (+160 per packet: the
     * replaced silence slot's timestamp, no overlap, no gap), and no packet more than one slot
     * ahead of its tick.
     */
    private void assertOneContinuousStream() {
        assertThat(sent).hasSize((int) ticks);
        assertThat(botFrames).as("one recorder frame per tick").hasSize((int) ticks);
        Sent first = sent.get(0);
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            assertThat(s.sequence()).as("sequence of packet %d", i).isEqualTo((first.sequence() + i) & 0xFFFF);
            assertThat(s.timestamp()).as("timestamp of packet %d", i)
                    .isEqualTo((first.timestamp() + 160L * i) & 0xFFFFFFFFL);
            long slot = i * 20 * MS;
            assertThat(s.atNanos()).as("send time of slot %d", i).isLessThanOrEqualTo(slot).isGreaterThan(slot - 20 * MS);
            assertThat(botFrames.get(i)).as("recorder frame %d", i).isEqualTo(s.audio());
        }
    }

    @Test
    void aReplyAfterIdleGoesAtOnceThenEvery20MsFromItsFirstPacket() {
        runUntilMillis(45);
        assertThat(sendMillis()).as("silence on the tick while idle").containsExactly(0L, 20L, 40L);

        runUntilMillis(47);
        play(5);
        runUntilMillis(200);

        assertThat(audioMillis()).as("first at once, the rest paced from it").containsExactly(47L, 67L, 87L, 107L, 127L);
        // the ticks at 60..140 sent nothing (their slots went early); silence is back on the tick
        assertThat(sendMillis()).containsExactly(0L, 20L, 40L, 47L, 67L, 87L, 107L, 127L, 160L, 180L, 200L);
        assertThat(markerMillis()).as("the stream's first packet and the talkspurt's").containsExactly(0L, 47L);
        assertThat(started).containsExactly(47 * MS);
        assertThat(talkspurts.earlyStarts()).isOne();
        assertOneContinuousStream();
    }

    @Test
    void continuousAudioStaysOnTheTick() {
        play(3); // queued before the first tick: the stream opens with it
        for (long at = 10; at <= 190; at += 20) {
            runUntilMillis(at);
            play(1); // topped up while talking: no early send
        }
        runUntilMillis(200);

        assertThat(audioMillis()).containsExactly(0L, 20L, 40L, 60L, 80L, 100L, 120L, 140L, 160L, 180L, 200L);
        assertThat(markerMillis()).containsExactly(0L);
        assertThat(talkspurts.earlyStarts()).isZero();
        assertOneContinuousStream();
    }

    @Test
    void onTickStartWaitsForTheTickAsBefore() {
        talkspurts.setStart(PlaybackStart.ON_TICK);
        runUntilMillis(47);
        play(2);
        runUntilMillis(120);

        assertThat(audioMillis()).containsExactly(60L, 80L);
        assertThat(markerMillis()).containsExactly(0L, 60L);
        assertThat(talkspurts.earlyStarts()).isZero();
        assertOneContinuousStream();
    }

    @Test
    void aProducerFallingBehindContinuesOnTheTickWithoutInsertedSilence() {
        runUntilMillis(47);
        play(2);
        runUntilMillis(90); // the deadline at 87 found the queue empty: back to the tick
        play(2);
        runUntilMillis(160);

        assertThat(audioMillis()).containsExactly(47L, 67L, 100L, 120L);
        assertThat(sendMillis()).containsExactly(0L, 20L, 40L, 47L, 67L, 100L, 120L, 140L, 160L);
        assertThat(markerMillis()).as("still one talkspurt").containsExactly(0L, 47L);
        assertOneContinuousStream();
    }

    @Test
    void bargeInEndsTheTalkspurtAndTheNextReplyStartsAtOnceAgain() {
        runUntilMillis(47);
        play(10);
        runUntilMillis(90);
        playback.clear(); // barge-in
        runUntilMillis(173); // silence at 120, 140, 160: idle long enough for a new reply
        play(2);
        runUntilMillis(240);

        assertThat(audioMillis()).containsExactly(47L, 67L, 87L, 173L, 193L);
        assertThat(sendMillis())
                .containsExactly(0L, 20L, 40L, 47L, 67L, 87L, 120L, 140L, 160L, 173L, 193L, 220L, 240L);
        assertThat(markerMillis()).containsExactly(0L, 47L, 173L);
        assertThat(started).containsExactly(47 * MS, 173 * MS);
        assertThat(talkspurts.earlyStarts()).isEqualTo(2);
        assertOneContinuousStream();
    }

    @Test
    void audioRightAfterAShortSilenceWaitsForTheTick() {
        runUntilMillis(47);
        play(2); // sent at 47 and 67 for the slots of the ticks at 60 and 80
        runUntilMillis(110); // the deadline at 87 found nothing: back to the tick, silence at 100
        play(2); // one silent tick is a producer that was late, not a new reply
        runUntilMillis(160);

        assertThat(sendMillis()).containsExactly(0L, 20L, 40L, 47L, 67L, 100L, 120L, 140L, 160L);
        assertThat(audioMillis()).containsExactly(47L, 67L, 120L, 140L);
        assertThat(markerMillis()).containsExactly(0L, 47L, 120L);
        assertThat(talkspurts.earlyStarts()).isOne();
        assertOneContinuousStream();
    }

    @Test
    void aRealTimeProducerStaysOnTheTickAndKeepsTheMarginAMissBuys() {
        // an echo or a streaming bot: one frame every 20 ms, starting at 47, with jitter
        long[] arrivals = {47, 66, 86, 109, 126, 146, 166, 203, 206, 226, 246};
        for (long at : arrivals) {
            runUntilMillis(at);
            play(1);
        }
        runUntilMillis(280);

        // one frame at a time never starts early: each goes on the next tick, as without this
        // scheduler; 203 misses the tick at 200 (one silent frame, as before) and waits for 220,
        // so from then on one frame stays queued: a whole frame of margin against the next late one
        assertThat(audioMillis()).containsExactly(60L, 80L, 100L, 120L, 140L, 160L, 180L, 220L, 240L, 260L, 280L);
        assertThat(sendMillis()).contains(200L);
        assertThat(talkspurts.earlyStarts()).isZero();
        assertOneContinuousStream();
    }

    @Test
    void aPartialFrameWaitsForTheTick() {
        runUntilMillis(47);
        short[] half = new short[80];
        Arrays.fill(half, (short) 3000);
        playback.offer(half, 0, half.length);
        talkspurts.audioQueued();
        runUntilMillis(100);

        assertThat(talkspurts.earlyStarts()).isZero();
        // held one tick for a top-up (60), then sent padded (80): the send path's rule, unchanged
        assertThat(audioMillis()).containsExactly(80L);
        assertOneContinuousStream();
    }
}
