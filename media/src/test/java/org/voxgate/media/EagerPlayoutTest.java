package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.voxgate.media.codec.AudioCodecs;
import org.voxgate.media.codec.AudioDecoder;
import org.voxgate.media.rtp.RtpHeader;

/**
 * {@link ReceivePlayout} in {@link InboundPlayout#EAGER} mode, on a fake clock: frames go out as
 * their packets arrive in order, a gap waits for its packet until the target delay passes and
 * is then concealed at the tick, and over a long run with jitter, drift, loss and duplicates
 * the k-th frame delivered is always the stream's k-th 20 ms (none twice, none skipped).
 */
class EagerPlayoutTest {
    private static final long MS = 1_000_000L;
    private static final int SEQ0 = 65_000; // wraps during the long run
    private static final long TS0 = 4_294_960_000L; // so does the timestamp

    private long now;
    private final List<short[]> frames = new ArrayList<>();
    private final List<Long> frameTimes = new ArrayList<>();
    private final ReceivePlayout playout = new ReceivePlayout(() -> now, 20, 200, frame -> {
        frames.add(frame.clone());
        frameTimes.add(now);
    });
    private final RtpHeader header = new RtpHeader();
    private final ByteBuf packet = Unpooled.buffer(12 + 160);
    private final AudioDecoder decoder = AudioCodecs.decoder(Codec.PCMU, CodecOptions.NONE);

    EagerPlayoutTest() {
        playout.setMode(InboundPlayout.EAGER);
    }

    @Test
    void inOrderPacketsAreDeliveredOnArrival() {
        for (int k = 0; k < 50; k++) {
            now = k * 20 * MS + 3 * MS;
            arrive(k);
            assertThat(frames).as("frames after packet %d arrived", k).hasSize(k + 1);
            assertThat(frames.get(k)).isEqualTo(expected(k));
            assertThat(frameTimes.get(k)).isEqualTo(now); // zero added delay
            now += 6 * MS;
            playout.playFrames(1); // the tick finds nothing due: it was all delivered
            assertThat(frames).hasSize(k + 1);
        }
        assertThat(playout.jitter().delayP95Millis()).isLessThanOrEqualTo(1); // the histogram's first bucket
    }

    @Test
    void aReorderedPacketIsHeldOnlyUntilItsPredecessorArrives() {
        at(0, 0);
        at(20, 1);
        now = 49 * MS;
        playout.playFrames(1); // 2 is 9 ms late, inside the 20 ms target: not due
        assertThat(frames).hasSize(2);
        at(60, 3); // ahead of the gap: held
        assertThat(frames).hasSize(2);
        at(63, 2); // past its deadline (60 ms) but before the tick that would conceal it
        assertThat(frames).hasSize(4);
        assertThat(frames.get(2)).isEqualTo(expected(2));
        assertThat(frames.get(3)).isEqualTo(expected(3));
        assertThat(frameTimes.subList(2, 4)).containsOnly(63 * MS);
        assertThat(playout.lost()).isZero();
        assertThat(playout.concealedFrames()).isZero();
    }

    @Test
    void aLostPacketIsConcealedAtItsDeadlineAndTheStreamGoesOn() {
        at(0, 0);
        at(20, 1);
        // 2 is lost
        at(60, 3);
        at(80, 4);
        assertThat(frames).hasSize(2);
        now = 49 * MS;
        playout.playFrames(1); // 2 is due at 40 ms + the 20 ms target
        assertThat(frames).hasSize(2);
        now = 69 * MS;
        playout.playFrames(1); // past the deadline: 2 concealed, 3 and 4 follow at once
        assertThat(frames).hasSize(5);
        assertThat(frameTimes.subList(2, 5)).containsOnly(69 * MS);
        assertThat(frames.get(2)).isNotEqualTo(expected(2));
        assertThat(tail(frames.get(3), 80)).isEqualTo(tail(expected(3), 80)); // its start cross-faded from the concealment
        assertThat(frames.get(4)).isEqualTo(expected(4));
        assertThat(playout.lost()).isEqualTo(1);
        assertThat(playout.concealedFrames()).isEqualTo(1);
        at(100, 5);
        assertThat(frames).hasSize(6);
        assertThat(frames.get(5)).isEqualTo(expected(5));
        at(105, 2); // the lost packet after all: too late, dropped
        assertThat(frames).hasSize(6);
        assertThat(playout.late()).isEqualTo(1);
    }

    @Test
    void aSilentSenderGetsOneSilentFramePerTickAndResumesOnArrival() {
        at(0, 0);
        for (int t = 1; t <= 10; t++) {
            now = (t * 20 + 9) * MS;
            playout.playFrames(1);
        }
        // 1 is due after 40 ms + the 20 ms target, so from the tick at 69 ms one frame per tick
        // (concealed, then silence once the sender is taken to have paused): an endpointer keeps counting
        assertThat(frames).hasSize(1 + 9);
        int before = frames.size();
        at(400, 20); // the sender advanced its timestamps over the pause
        assertThat(frames).hasSize(before + 1);
        assertThat(frames.get(before)).isEqualTo(expected(20));
    }

    @Test
    void longRunWithJitterDriftLossAndDuplicatesDeliversEveryFrameOnceInOrder() {
        Random random = new Random(5);
        int packets = 15_000;
        double period = 20.0 * 1.004; // the sender's clock runs 0.4 % slow
        List<long[]> arrivals = new ArrayList<>(); // {time, k}
        Set<Integer> lostInNetwork = new HashSet<>();
        for (int k = 0; k < packets; k++) {
            if (k > 0 && k < packets - 10 && random.nextInt(50) == 0) {
                lostInNetwork.add(k);
                continue;
            }
            // jitter 0-30 ms, now and then a 100 ms spike
            long delay = (long) (random.nextDouble() * 30 * MS) + (random.nextInt(200) == 0 ? 100 * MS : 0);
            if (k == 0) {
                delay = 0; // the stream starts at its first packet (frame k is then packet k)
            }
            long sent = (long) (k * period * MS);
            arrivals.add(new long[] {sent + 2 * MS + delay, k});
            if (random.nextInt(100) == 0) {
                arrivals.add(new long[] {sent + 2 * MS + delay + random.nextInt(50) * MS, k}); // duplicate
            }
        }
        arrivals.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] arrivedAt = new long[packets];
        boolean[] arrivedInTime = new boolean[packets];
        long tick = 9 * MS;
        int i = 0;
        long end = (long) (packets * period * MS) + 500 * MS;
        while (i < arrivals.size() || tick < end) {
            if (i < arrivals.size() && arrivals.get(i)[0] < tick) {
                long[] a = arrivals.get(i++);
                int k = (int) a[1];
                now = a[0];
                if (arrivedAt[k] == 0) {
                    arrivedAt[k] = now;
                    arrivedInTime[k] = frames.size() <= k;
                }
                arrive(k);
            } else {
                now = tick;
                playout.playFrames(1);
                tick += 20 * MS;
            }
        }
        int late = 0;
        for (int k = 0; k < packets; k++) {
            if (lostInNetwork.contains(k)) {
                continue;
            }
            if (!arrivedInTime[k]) {
                late++;
                continue;
            }
            // the k-th frame is the k-th packet's audio: nothing skipped, repeated or reordered
            // (after a concealed frame, the first 80 samples are cross-faded from the concealment)
            boolean afterGap = k > 0 && (lostInNetwork.contains(k - 1) || !arrivedInTime[k - 1]);
            assertThat(tail(frames.get(k), afterGap ? 80 : 0)).as("frame %d", k).isEqualTo(tail(expected(k), afterGap ? 80 : 0));
            // and it went out as soon as it and its predecessor were both there
            long ready = k == 0 ? arrivedAt[0] : Math.max(arrivedAt[k], frameTimes.get(k - 1));
            assertThat(frameTimes.get(k)).as("delivery of frame %d", k).isEqualTo(ready);
        }
        // after the last packet only the idle sender's silence: one frame per tick
        assertThat(frames.size()).isBetween(packets, packets + 30);
        assertThat(playout.lost()).isEqualTo(lostInNetwork.size() + late);
        assertThat(playout.concealedFrames()).isEqualTo(lostInNetwork.size() + late);
        assertThat(playout.duplicates()).isPositive();
        assertThat(late).as("packets concealed because they came after their deadline").isLessThan(packets / 50);
    }

    @Test
    void thirtyMillisecondPacketsComeOutAsWholeFramesOnArrival() {
        byte[] stream = new byte[240 * 8];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) payloadByte(i / 240, i % 240);
        }
        for (int p = 0; p < 8; p++) {
            now = p * 30 * MS + 2 * MS;
            packet.clear();
            RtpHeader.write(packet, false, 0, 100 + p, 160L * 1000 + 240L * p, 42);
            packet.writeBytes(stream, 240 * p, 240);
            header.parse(packet);
            playout.offerAudio(header, packet);
            // 30 ms in: every whole 20 ms frame the packets so far hold is out, the rest waits
            assertThat(frames).as("after packet %d", p).hasSize(240 * (p + 1) / 160);
        }
        short[] pcm = new short[240 * 8];
        short[] chunk = new short[AudioDecoder.MAX_DECODED_SAMPLES];
        for (int p = 0; p < 8; p++) {
            decoder.decode(stream, 240 * p, 240, chunk, 0);
            System.arraycopy(chunk, 0, pcm, 240 * p, 240);
        }
        for (int f = 0; f < frames.size(); f++) {
            assertThat(frames.get(f)).isEqualTo(java.util.Arrays.copyOfRange(pcm, 160 * f, 160 * (f + 1)));
        }
    }

    @Test
    void comfortNoiseFillsTheSendersSilenceAtTheTickAndSpeechResumesOnArrival() {
        at(0, 0);
        at(20, 1);
        now = 40 * MS;
        packet.clear();
        RtpHeader.write(packet, false, 13, (SEQ0 + 2) & 0xFFFF, (TS0 + 320) & 0xFFFFFFFFL, 42);
        packet.writeByte(60); // -60 dBov
        header.parse(packet);
        playout.offerComfortNoise(header, packet);
        assertThat(frames).hasSize(2); // nothing to hear yet: the noise plays as its time comes
        for (int t = 3; t <= 12; t++) {
            now = (t * 20 + 9) * MS;
            playout.playFrames(1);
        }
        int noise = frames.size() - 2;
        assertThat(noise).isBetween(8, 10); // one per tick from the deadline on
        assertThat(frames.get(2)).isNotEqualTo(new short[160]); // noise, not digital silence
        assertThat(playout.lost()).isZero();
        // the talkspurt resumes where the noise's time ends: the next sequence number, the
        // timestamp of the frame after the last noise frame
        now = (20 * (2 + noise) + 30) * MS;
        arrive(3, 2 + noise);
        assertThat(frames).hasSize(2 + noise + 1);
        assertThat(frames.get(2 + noise)).isEqualTo(expected(2 + noise));
    }

    private void at(long millis, int k) {
        now = millis * MS;
        arrive(k);
    }

    /** Packet k of the stream (20 ms of PCMU) arrives now; its bytes say which packet it is. */
    private void arrive(int k) {
        arrive(k, k);
    }

    /** A packet with sequence number k and the timestamp (and audio) of stream frame {@code frame}. */
    private void arrive(int k, int frame) {
        packet.clear();
        RtpHeader.write(packet, false, 0, (SEQ0 + k) & 0xFFFF, (TS0 + 160L * frame) & 0xFFFFFFFFL, 42);
        for (int j = 0; j < 160; j++) {
            packet.writeByte(payloadByte(frame, j));
        }
        header.parse(packet);
        playout.offerAudio(header, packet);
    }

    /** Pseudo-random bytes, a different run for every packet. */
    private static int payloadByte(int k, int j) {
        long x = (k * 0x9E3779B97F4A7C15L) ^ (j * 0xC2B2AE3D27D4EB4FL);
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        return (int) (x >>> 56) & 0xFF;
    }

    private static short[] tail(short[] frame, int from) {
        return java.util.Arrays.copyOfRange(frame, from, frame.length);
    }

    private short[] expected(int k) {
        byte[] payload = new byte[160];
        for (int j = 0; j < 160; j++) {
            payload[j] = (byte) payloadByte(k, j);
        }
        short[] pcm = new short[AudioDecoder.MAX_DECODED_SAMPLES];
        int n = decoder.decode(payload, 0, 160, pcm, 0);
        short[] frame = new short[n];
        System.arraycopy(pcm, 0, frame, 0, n);
        return frame;
    }
}
