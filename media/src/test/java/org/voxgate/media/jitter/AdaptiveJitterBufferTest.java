package org.voxgate.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxgate.media.jitter.JitterSimulation.MS;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The jitter buffer under a fake clock: every arrival time is chosen, nothing sleeps. */
class AdaptiveJitterBufferTest {
    private static final long SSRC = 0x1234;
    private static final int SEQ0 = 65_000; // wraps during the longer runs
    private static final long TS0 = 0xFFFF_0000L; // wraps too

    /** Sends packets {@code from..to-1} of a 20 ms stream; {@code delay} gives each one's network delay. */
    private static void stream(JitterSimulation sim, int from, int to, double drift, DelayModel delay) {
        for (int k = from; k < to; k++) {
            long sentAt = 100 * MS + Math.round(k * 20 * MS * (1 + drift));
            sim.send(sentAt + delay.nanos(k), SEQ0 + k, TS0 + 160L * k, SSRC, 160);
        }
    }

    interface DelayModel {
        long nanos(int k);
    }

    private static List<Integer> seqs(int from, int to) {
        List<Integer> l = new ArrayList<>();
        for (int k = from; k < to; k++) {
            l.add((SEQ0 + k) & 0xFFFF);
        }
        return l;
    }

    @Test
    void aCleanStreamPlaysEverythingInOrderAtTheFloor() {
        JitterSimulation sim = new JitterSimulation(20, 200, 7 * MS);
        SplittableRandom rnd = new SplittableRandom(1);
        stream(sim, 0, 500, 0, k -> 5 * MS + rnd.nextLong(MS)); // 0-1 ms of jitter, like loopback
        sim.runUntil(11_000 * MS);

        assertThat(sim.played).containsExactlyElementsOf(seqs(0, 500));
        AdaptiveJitterBuffer b = sim.buffer;
        // a frame plus the 98th percentile of 0-1 ms of jitter (1 ms buckets, rounded up)
        assertThat(b.targetDelayMillis()).isEqualTo(21);
        assertThat(b.delayP50Millis()).isBetween(20, 23);
        assertThat(b.delayP95Millis()).isBetween(20, 23);
        assertThat(sim.minDelaySince(5)).isGreaterThanOrEqualTo(19);
        assertThat(sim.maxDelaySince(5)).isLessThanOrEqualTo(22);
        assertThat(b.late()).isZero();
        assertThat(b.lost()).isZero();
        assertThat(b.concealedFrames()).isZero();
        assertThat(b.droppedFrames() + b.insertedFrames()).isZero();
    }

    @Test
    void reorderedAndDuplicatedPacketsPlayOnceInOrder() {
        JitterSimulation sim = new JitterSimulation(20, 200, 3 * MS);
        // every fourth packet overtakes the one before it; every tenth comes twice
        stream(sim, 0, 200, 0, k -> (k % 4 == 2 ? 12 : 2) * MS);
        for (int k = 5; k < 200; k += 10) {
            sim.send(100 * MS + k * 20 * MS + 4 * MS, SEQ0 + k, TS0 + 160L * k, SSRC, 160);
        }
        sim.runUntil(5_000 * MS);

        assertThat(sim.played).containsExactlyElementsOf(seqs(0, 200));
        assertThat(sim.buffer.duplicates()).isEqualTo(20);
        assertThat(sim.buffer.late()).isZero();
        assertThat(sim.buffer.lost()).isZero();
        // only the first overtaken packet, before any jitter had been seen, came after the
        // floor's delay: a few milliseconds were concealed and the rest of it still played
        assertThat(sim.missingUnits - 160 * sim.buffer.insertedFrames()).isLessThan(160);
        assertThat(sim.buffer.targetDelayMillis()).isEqualTo(31); // a frame + 10 ms (+1 for the bucket)
    }

    @Test
    void lossIsConcealedAndCounted() {
        JitterSimulation sim = new JitterSimulation(20, 200, 3 * MS);
        for (int k = 0; k < 300; k++) {
            if (k == 100 || (k >= 200 && k < 203)) {
                continue;
            }
            sim.send(100 * MS + k * 20 * MS + 2 * MS, SEQ0 + k, TS0 + 160L * k, SSRC, 160);
        }
        sim.runUntil(7_000 * MS);

        assertThat(sim.played).hasSize(296);
        assertThat(sim.buffer.lost()).isEqualTo(4);
        assertThat(sim.buffer.concealedFrames()).isEqualTo(4);
        assertThat(sim.missingUnits).isEqualTo(4 * 160);
        assertThat(sim.buffer.late()).isZero();
        // the packet after a single loss is offered for FEC; after a run of three, only for the
        // last lost frame (FEC carries one packet back)
        assertThat(sim.fecOffered).containsExactly(SEQ0 + 101, SEQ0 + 203);
    }

    @Test
    void aPacketAfterItsPlayoutTimeIsDroppedAsLateAndADuplicateOfAPlayedOneAsDuplicate() {
        JitterSimulation sim = new JitterSimulation(20, 200, 3 * MS);
        stream(sim, 0, 100, 0, k -> k == 50 ? 150 * MS : 2 * MS);
        sim.send(100 * MS + 40 * 20 * MS + 500 * MS, SEQ0 + 40, TS0 + 160L * 40, SSRC, 160); // long after its turn
        sim.runUntil(3_000 * MS);

        assertThat(sim.buffer.late()).isEqualTo(1);
        assertThat(sim.buffer.duplicates()).isEqualTo(1);
        assertThat(sim.buffer.lost()).isEqualTo(1);
        assertThat(sim.played).doesNotContain((SEQ0 + 50) & 0xFFFF).hasSize(99);
    }

    @Test
    void jitterBurstsRaiseTheTargetWhichFallsBackToTheFloorLater() {
        JitterSimulation sim = new JitterSimulation(20, 200, 11 * MS);
        SplittableRandom rnd = new SplittableRandom(7);
        // 5 s clean, 4 s of up to 60 ms jitter, then 20 s clean
        stream(sim, 0, 1450, 0, k -> 3 * MS + (k >= 250 && k < 450 ? rnd.nextLong(60 * MS) : rnd.nextLong(MS)));
        sim.runUntil(5_100 * MS);
        int beforeBurst = sim.delays.size();
        assertThat(sim.maxTargetSince(0)).isLessThanOrEqualTo(21);
        long lateBefore = sim.buffer.late();
        assertThat(lateBefore).isZero();

        sim.runUntil(9_100 * MS);
        int afterBurst = sim.delays.size();
        // a frame plus most of the 60 ms spread
        assertThat(sim.buffer.targetDelayMillis()).isBetween(70, 81);
        // while the target rose, some packets were late; once it stood, almost none
        long lateInBurst = sim.buffer.late();
        assertThat(lateInBurst).isLessThan(20); // of 200 packets
        assertThat(sim.maxDelaySince(beforeBurst)).isLessThanOrEqualTo(90);

        sim.runUntil(29_100 * MS);
        assertThat(sim.buffer.targetDelayMillis()).isLessThanOrEqualTo(21);
        int tail = sim.delays.size() - 100;
        assertThat(sim.maxDelaySince(tail)).as("delay back near the floor").isLessThanOrEqualTo(45);
        assertThat(sim.buffer.late()).isEqualTo(lateInBurst);
        assertThat(sim.buffer.droppedFrames()).isPositive(); // the added delay was given back
        assertThat(afterBurst).isGreaterThan(beforeBurst);
    }

    @Test
    void senderClockDriftKeepsTheDelayBounded() {
        for (double drift : new double[] {-0.005, 0.005}) {
            JitterSimulation sim = new JitterSimulation(20, 200, 5 * MS);
            SplittableRandom rnd = new SplittableRandom(3);
            stream(sim, 0, 6000, drift, k -> 4 * MS + rnd.nextLong(2 * MS)); // two minutes
            sim.runUntil(122_000 * MS);

            AdaptiveJitterBuffer b = sim.buffer;
            assertThat(sim.maxDelaySince(50)).as("drift %s", drift).isLessThanOrEqualTo(45); // target (20 + jitter + drift over the baseline window) + 15 ms
            assertThat(sim.minDelaySince(50)).as("drift %s", drift).isGreaterThanOrEqualTo(5);
            // 0.5 % of 6000 frames is 30 frames of audio to give back or make up
            // drift < 0: the sender's packets come every 19.9 ms, its clock runs fast
            long adjustments = drift < 0 ? b.droppedFrames() : b.insertedFrames();
            assertThat(adjustments).as("drift %s", drift).isBetween(20L, 45L);
            assertThat(b.late()).as("drift %s", drift).isLessThanOrEqualTo(3);
            assertThat(b.delayP95Millis()).as("drift %s", drift).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void packetsPiledUpByAStalledReaderArePlayedAndTheExtraDelayDrains() {
        JitterSimulation sim = new JitterSimulation(20, 200, 9 * MS);
        // the receiving thread stalls for half a second: 25 packets are read at once
        stream(sim, 0, 550, 0, k -> k >= 50 && k < 75 ? (75 - k) * 20 * MS : 2 * MS);
        sim.runUntil(2_200 * MS);
        int afterStall = sim.delays.size();
        sim.runUntil(4_200 * MS);
        assertThat(sim.buffer.late()).isZero();
        assertThat(sim.buffer.discarded()).isZero();
        assertThat(sim.maxDelaySince(afterStall)).isLessThanOrEqualTo(560);
        // two seconds on, the pile-up has drained to the (raised) target: every other frame dropped
        int twoSecondsOn = sim.delays.size() - 10;
        assertThat(sim.maxDelaySince(twoSecondsOn)).isLessThanOrEqualTo(sim.buffer.targetDelayMillis() + 45);
        assertThat(sim.buffer.droppedFrames()).isGreaterThanOrEqualTo(15);

        // once the stall has left the jitter window (5 s) the target falls back, and the delay with it
        sim.runUntil(11_200 * MS);
        assertThat(sim.buffer.targetDelayMillis()).isLessThanOrEqualTo(25);
        assertThat(sim.maxDelaySince(sim.delays.size() - 10)).isLessThanOrEqualTo(70);
        assertThat(sim.buffer.late()).isZero();
    }

    @Test
    void anSsrcChangeRestartsTheTimeline() {
        JitterSimulation sim = new JitterSimulation(20, 200, 5 * MS);
        stream(sim, 0, 100, 0, k -> 2 * MS);
        // a new source with unrelated numbers takes over right after
        for (int k = 0; k < 100; k++) {
            sim.send(100 * MS + (100 + k) * 20 * MS + 2 * MS, 7 + k, 123_456_789L + 160L * k, 0x9999, 160);
        }
        sim.runUntil(4_500 * MS);

        assertThat(sim.buffer.resyncs()).isEqualTo(1);
        assertThat(sim.buffer.late()).isZero();
        assertThat(sim.played).hasSizeGreaterThanOrEqualTo(198);
        assertThat(sim.played.subList(sim.played.size() - 90, sim.played.size())).containsExactlyElementsOf(
                java.util.stream.IntStream.range(17, 107).boxed().toList());
    }

    @Test
    void aTimestampJumpRestartsTheTimelineInsteadOfWaitingOrDropping() {
        JitterSimulation sim = new JitterSimulation(20, 200, 5 * MS);
        for (int k = 0; k < 200; k++) {
            long ts = TS0 + 160L * k + (k >= 100 ? 80_000_000L : 0); // jumps ~2.8 hours ahead
            sim.send(100 * MS + k * 20 * MS + 2 * MS, SEQ0 + k, ts, SSRC, 160);
        }
        sim.runUntil(4_500 * MS);

        assertThat(sim.buffer.resyncs()).isEqualTo(1);
        assertThat(sim.buffer.late()).isZero();
        assertThat(sim.played).hasSizeGreaterThanOrEqualTo(198);
        assertThat(sim.buffer.delayP95Millis()).isLessThanOrEqualTo(25);
    }

    @Test
    void aSenderThatPausesWithoutAdvancingItsTimestampsIsHeardWholeWhenItResumes() {
        // Some senders (bots, test tools, gateways without DTX) simply stop sending between
        // utterances and go on with the next timestamp, so after a pause of up to three seconds
        // every packet looks that much "late". Nothing is buffered then, so the new talkspurt
        // sets a new timeline instead of being played with frames dropped.
        for (long pauseMs : new long[] {300, 1_500, 2_900}) {
            JitterSimulation sim = new JitterSimulation(20, 200, 5 * MS);
            stream(sim, 0, 100, 0, k -> 2 * MS + (k >= 50 ? pauseMs * MS : 0));
            sim.runUntil(3_000 * MS + pauseMs * MS);

            assertThat(sim.played).as("pause of %d ms", pauseMs).containsExactlyElementsOf(seqs(0, 100));
            assertThat(sim.buffer.late()).isZero();
            assertThat(sim.buffer.droppedFrames()).isZero();
            assertThat(sim.maxDelaySince(sim.delays.size() - 40)).isLessThanOrEqualTo(25);
            assertThat(sim.buffer.targetDelayMillis()).isLessThanOrEqualTo(25);
        }
    }

    @Test
    void tenAndThirtyMillisecondPacketsArePlayedWhole() {
        for (int units : new int[] {80, 240}) {
            JitterSimulation sim = new JitterSimulation(20, 200, 5 * MS);
            int packets = 300 * 160 / units;
            long period = units * MS / 8;
            for (int k = 0; k < packets; k++) {
                sim.send(100 * MS + k * period + 2 * MS, k, 1000 + (long) units * k, SSRC, units);
            }
            sim.runUntil(6_500 * MS);
            assertThat(sim.played).as("%d-sample packets", units).hasSize(packets);
            assertThat(sim.packetUnits).isEqualTo(300L * 160);
            assertThat(sim.missingUnits).isZero();
            assertThat(sim.buffer.late()).isZero();
        }
    }

    @Test
    void comfortNoiseFillsTheSendersSilenceWithoutCountingLoss() {
        JitterSimulation sim = new JitterSimulation(20, 200, 5 * MS);
        stream(sim, 0, 50, 0, k -> 2 * MS);
        // one CN packet at packet 50's time, then a second of nothing, then talk resumes (RFC 3389 DTX)
        sim.sendComfortNoise(100 * MS + 50 * 20 * MS + 2 * MS, SEQ0 + 50, TS0 + 160L * 50, SSRC, 60);
        for (int k = 100; k < 150; k++) {
            // sequence numbers count packets sent, so they continue right after the CN packet
            sim.send(100 * MS + k * 20 * MS + 2 * MS, SEQ0 + k - 49, TS0 + 160L * k, SSRC, 160);
        }
        sim.runUntil(3_500 * MS);

        assertThat(sim.noiseUnits).isEqualTo(50L * 160); // packets 50 .. 99: 50 frames
        assertThat(sim.buffer.noiseLevel()).isEqualTo(60);
        assertThat(sim.buffer.concealedFrames()).isZero();
        assertThat(sim.buffer.lost()).isZero();
        assertThat(sim.missingUnits).isZero();
        assertThat(sim.played).hasSize(100);
    }
}
