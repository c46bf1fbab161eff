package org.voxgate.media.jitter;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A deterministic world for one {@link AdaptiveJitterBuffer}: a fake nanosecond clock, packets
 * scheduled to arrive at chosen times, and a 20 ms playout clock that consumes frames the way
 * the session does. Nothing sleeps; time moves only in {@link #runUntil}.
 */
final class JitterSimulation {
    static final long MS = 1_000_000L;
    static final int FRAME = 160;

    private record Arrival(long at, long order, int seq, long ts, long ssrc, int units, int cnLevel) {}

    private long now;
    private long order;
    private long nextTick;
    private final PriorityQueue<Arrival> arrivals = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    final AdaptiveJitterBuffer buffer;
    /** Sequence numbers of the packets played, in playout order. */
    final List<Integer> played = new ArrayList<>();
    /** Sequence numbers of packets offered for FEC after a gap (see AdaptiveJitterBuffer#nextPayload). */
    final List<Integer> fecOffered = new ArrayList<>();
    /** Per frame: target and current delay after the frame's start. */
    final List<int[]> delays = new ArrayList<>();
    /** Units handed out as missing between packets (the stream's trailing end is not counted). */
    long missingUnits;
    private long pendingMissing;
    long noiseUnits;
    long silenceUnits;
    long packetUnits;
    private int buffered;

    JitterSimulation(int floorMs, int ceilingMs, long tickPhaseNanos) {
        buffer = new AdaptiveJitterBuffer(() -> now, 8000, floorMs, ceilingMs, 160);
        nextTick = tickPhaseNanos;
    }

    long now() {
        return now;
    }

    /** A G.711 packet of {@code units} samples whose first two payload bytes carry its sequence number. */
    void send(long arriveAt, int seq, long ts, long ssrc, int units) {
        arrivals.add(new Arrival(arriveAt, order++, seq & 0xFFFF, ts & 0xFFFFFFFFL, ssrc, units, -1));
    }

    void sendComfortNoise(long arriveAt, int seq, long ts, long ssrc, int level) {
        arrivals.add(new Arrival(arriveAt, order++, seq & 0xFFFF, ts & 0xFFFFFFFFL, ssrc, 0, level));
    }

    /** Delivers arrivals and plays frames, in time order, up to {@code end}. */
    void runUntil(long end) {
        while (true) {
            Arrival a = arrivals.peek();
            long nextArrival = a == null ? Long.MAX_VALUE : a.at;
            if (Math.min(nextArrival, nextTick) > end) {
                now = end;
                return;
            }
            if (nextArrival <= nextTick) {
                arrivals.poll();
                now = a.at;
                if (a.cnLevel >= 0) {
                    buffer.offerComfortNoise(a.seq, a.ts, a.ssrc, a.cnLevel);
                } else {
                    byte[] payload = new byte[a.units];
                    payload[0] = (byte) (a.seq >> 8);
                    payload[1] = (byte) a.seq;
                    buffer.offer(a.seq, a.ts, a.ssrc, Unpooled.wrappedBuffer(payload), 0, payload.length, a.units);
                }
            } else {
                now = nextTick;
                nextTick += 20 * MS;
                if (buffer.started()) {
                    playFrame();
                }
            }
        }
    }

    private void playFrame() {
        buffer.startFrame(buffered);
        while (buffered < FRAME) {
            int kind = buffer.next(FRAME - buffered);
            int n = buffer.unitLength();
            switch (kind) {
                case AdaptiveJitterBuffer.PACKET -> {
                    byte[] p = buffer.payload();
                    played.add(((p[0] & 0xFF) << 8) | (p[1] & 0xFF));
                    missingUnits += pendingMissing; // a gap inside the stream, not its end
                    pendingMissing = 0;
                    n = buffer.payloadLength() - buffer.skipUnits();
                    assertUnit(n == buffer.unitLength());
                    packetUnits += n;
                }
                case AdaptiveJitterBuffer.MISSING -> {
                    pendingMissing += n;
                    byte[] next = buffer.nextPayload();
                    if (next != null) {
                        fecOffered.add(((next[0] & 0xFF) << 8) | (next[1] & 0xFF));
                    }
                }
                case AdaptiveJitterBuffer.COMFORT_NOISE -> noiseUnits += n;
                default -> silenceUnits += n;
            }
            buffered += n;
        }
        buffered -= FRAME;
        delays.add(new int[] {buffer.targetDelayMillis(), buffer.currentDelayMillis()});
    }

    private static void assertUnit(boolean consistent) {
        if (!consistent) {
            throw new AssertionError("a packet's unit length must be its payload less the skipped start");
        }
    }

    /** Largest current delay over the frames from {@code fromFrame} on. */
    int maxDelaySince(int fromFrame) {
        int max = Integer.MIN_VALUE;
        for (int i = fromFrame; i < delays.size(); i++) {
            max = Math.max(max, delays.get(i)[1]);
        }
        return max;
    }

    int minDelaySince(int fromFrame) {
        int min = Integer.MAX_VALUE;
        for (int i = fromFrame; i < delays.size(); i++) {
            min = Math.min(min, delays.get(i)[1]);
        }
        return min;
    }

    int maxTargetSince(int fromFrame) {
        int max = Integer.MIN_VALUE;
        for (int i = fromFrame; i < delays.size(); i++) {
            max = Math.max(max, delays.get(i)[0]);
        }
        return max;
    }
}
