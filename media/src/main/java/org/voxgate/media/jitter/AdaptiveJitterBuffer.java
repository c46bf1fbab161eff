package org.voxgate.media.jitter;

import io.netty.buffer.ByteBuf;
import java.util.function.LongSupplier;

/**
 * An adaptive jitter buffer for one received RTP audio stream, keyed on RTP timestamps.
 *
 * <p>Packets go in with {@link #offer} (or {@link #offerComfortNoise}) as they arrive. Playout
 * is clocked by the owner: once per 20 ms frame it calls {@link #startFrame} and then
 * {@link #next} until it has the frame's samples. Each {@code next} hands out one unit: a
 * {@link #PACKET} to decode, a {@link #MISSING} stretch to conceal, {@link #COMFORT_NOISE}
 * (the sender said it is silent, RFC 3389) or {@link #SILENCE} (nothing to play yet, or the
 * stream has gone quiet).
 *
 * <p>The delay is adaptive. The target is one frame (20 ms) plus a high percentile (98th) of
 * recent arrival jitter (see {@link JitterEstimator}), clamped to the configured floor and
 * ceiling; a frame of delay is the least that lets a whole frame's packets be there when the
 * frame is due. It rises at once and
 * falls back gently. The current delay is how far playout runs behind the fastest recent
 * packets. When it sits more than 5 ms below the target the buffer inserts a frame (the owner
 * conceals it); when it sits more than 15 ms above, it drops one, at most one per 200 ms, which is also
 * how sender clock drift is absorbed (more than 100 ms above: every other frame, so a pile-up
 * after a stall drains within seconds).
 *
 * <p>Also handled: reordering (slots by sequence number, playout by timestamp), duplicates
 * (dropped, counted), loss (concealed, counted), late packets (after their playout time:
 * dropped, counted), SSRC changes and timestamp jumps of more than three seconds (the stream
 * restarts), a sender that pauses without advancing its timestamps (after the buffer went
 * idle, a talkspurt later than the ceiling allows sets a new timeline), 10, 20 and 30 ms
 * packets (any duration given by the owner).
 *
 * <p>Threading: not thread-safe; owned by one thread (the session's receive event loop).
 * Time comes only from the injected nanosecond source. Buffer ownership: {@link #offer} copies
 * the payload; the array of {@link #payload()} is the buffer's own and is valid until the next
 * {@code offer}. Steady state allocates nothing: slots are allocated once and only grow when a
 * longer payload than any before arrives.
 */
public final class AdaptiveJitterBuffer {
    /** Nothing to play: emit silence. */
    public static final int SILENCE = 0;
    /** Decode {@link #payload()}; it covers {@link #unitLength()} timestamp units. */
    public static final int PACKET = 1;
    /** Audio is missing: conceal {@link #unitLength()} units. */
    public static final int MISSING = 2;
    /** The sender is silent: play comfort noise at {@link #noiseLevel()} for {@link #unitLength()} units. */
    public static final int COMFORT_NOISE = 3;
    /** Eager playout only ({@link #nextArrived}): the audio at the playout position has not arrived yet. */
    public static final int NOT_ARRIVED = -1;

    private static final long MAX_JUMP_NANOS = 3_000_000_000L;
    private static final int DROP_SPACING_FRAMES = 10;
    /** Far above the target (a stalled reader or network let packets pile up): drop every other frame. */
    private static final long FAST_DROP_EXCESS_NANOS = 100_000_000L;
    private static final int TARGET_UPDATE_FRAMES = 5;
    private static final int TARGET_FALL_MS = 4; // per update: 40 ms per second at most
    private static final int TARGET_PERCENTILE = 98;
    /**
     * The delay is kept within target - 5 ms .. target + 15 ms: a frame inserted below the band
     * or dropped above it (each moves it 20 ms) lands inside it, so the two never alternate.
     */
    private static final long BAND_BELOW_NANOS = 5_000_000L;
    private static final long BAND_ABOVE_NANOS = 15_000_000L;
    /** After this much missing audio with nothing buffered, the sender is taken to have paused. */
    private static final int IDLE_AFTER_FRAMES = 4;

    private static final int EMPTY = 0;
    private static final int WAITING = 1;
    private static final int PLAYING = 2;
    private static final int IDLE = 3;

    private final LongSupplier nanoTime;
    private final int clockRate;
    private final int frameUnits;
    private final int floorMs;
    private final int ceilingMs;
    private final JitterEstimator estimator = new JitterEstimator();
    private final DelayHistogram playoutDelay = new DelayHistogram(512, 1, 0);

    private final PacketSlots slots;
    private final PlayedSequence playedSeq = new PlayedSequence();

    private int state = EMPTY;
    private long ssrc;
    private long firstTs;
    private long lastExt;
    private long cursor;
    private long missingRun;
    /** Concealed units of the current gap: loss if audio resumes, a pause if the stream goes idle. */
    private long missingPending;
    private boolean cnActive;
    private int noiseLevel = 127;

    private int targetMs;
    private long frameNow;
    private long frameCursor;
    private long lagNanos;
    private boolean insertThisFrame;
    private boolean dropThisFrame;
    private int framesSinceDrop;
    private int framesSinceTarget;

    private byte[] outPayload;
    private int outLength;
    /** After MISSING: the slot of the packet right after the gap, for FEC; -1 for none. */
    private int nextSlot = -1;
    private int outSkip;
    private int unit;
    /** Inside {@link #nextArrived}: a gap is not filled but reported as {@link #NOT_ARRIVED}. */
    private boolean arrivedOnly;
    /** False once the timeline restarted: the next eager anchor may then move the cursor back. */
    private boolean cursorKept;

    private long received;
    private long late;
    private long duplicates;
    private long discarded;
    private long concealedUnits;
    private long dropped;
    private long inserted;
    private long resyncs;

    /**
     * @param nanoTime monotonic nanosecond source (the engine's; a test's fake)
     * @param clockRate RTP clock rate of the stream (8000 for G.711)
     * @param floorMs smallest target delay
     * @param ceilingMs largest target delay (at most 500)
     * @param initialPayloadCapacity slot size in bytes (160 for 20 ms G.711)
     */
    public AdaptiveJitterBuffer(LongSupplier nanoTime, int clockRate, int floorMs, int ceilingMs,
            int initialPayloadCapacity) {
        if (floorMs < 0 || ceilingMs < floorMs || ceilingMs > 500) {
            throw new IllegalArgumentException("need 0 <= floor <= ceiling <= 500 ms: " + floorMs + ", " + ceilingMs);
        }
        this.nanoTime = nanoTime;
        this.clockRate = clockRate;
        this.frameUnits = clockRate / 50;
        this.floorMs = floorMs;
        this.ceilingMs = ceilingMs;
        this.targetMs = floorMs;
        this.slots = new PacketSlots(initialPayloadCapacity);
    }

    // ---------------------------------------------------------------- input

    /**
     * Accepts one audio packet's payload (copied from {@code src}, indices unchanged).
     *
     * @param durationUnits how many timestamp units the payload covers (bytes for G.711)
     */
    public void offer(int seq, long timestamp, long packetSsrc, ByteBuf src, int index, int len, int durationUnits) {
        int slot = admit(seq & 0xFFFF, timestamp & 0xFFFFFFFFL, packetSsrc, Math.max(1, durationUnits), false);
        if (slot >= 0) {
            src.getBytes(index, slots.room(slot, len), 0, len);
            slots.length[slot] = len;
        }
    }

    /**
     * Accepts one RFC 3389 comfort-noise packet: the sender is silent from {@code timestamp}
     * on; {@code level} is the noise level in -dBov (0-127).
     */
    public void offerComfortNoise(int seq, long timestamp, long packetSsrc, int level) {
        int slot = admit(seq & 0xFFFF, timestamp & 0xFFFFFFFFL, packetSsrc, 0, true);
        if (slot >= 0) {
            slots.data[slot][0] = (byte) Math.min(127, Math.max(0, level));
            slots.length[slot] = 1;
        }
    }

    /** Forgets every packet and restarts on the next one (new codec). Statistics are kept. */
    public void reset() {
        freeAll();
        state = EMPTY;
        cursorKept = false;
        estimator.restartStream();
    }

    private int admit(int seq, long ts, long packetSsrc, int units, boolean cn) {
        long now = nanoTime.getAsLong();
        received++;
        if (state == EMPTY || packetSsrc != ssrc) {
            if (state != EMPTY) {
                resyncs++;
            }
            restartStream(packetSsrc, ts);
        }
        long ext = extend(ts);
        long transit = now - unitsToNanos(ext);
        if (estimator.hasBaseline()) {
            long deviation = transit - estimator.baseline();
            if (deviation > MAX_JUMP_NANOS || deviation < -MAX_JUMP_NANOS) {
                resyncs++; // the sender restarted its timestamps: a new timeline
                restartStream(packetSsrc, ts);
                ext = 0;
                transit = now;
            } else if (state == IDLE && deviation > unitsToNanos(frameUnits) + ceilingMs * 1_000_000L) {
                // The sender paused without advancing its timestamps (bots and gateways without
                // DTX simply stop between utterances). Against the old baseline every packet of
                // the new talkspurt would be late; nothing is buffered, so it starts a new timeline.
                estimator.restartStream();
                cursorKept = false;
            }
        }
        lastExt = ext;
        int slot = PacketSlots.slotOf(seq);
        if (slots.holds(seq)) {
            duplicates++;
            return -1;
        }
        if (playedSeq.wasPlayed(seq)) {
            duplicates++; // a copy of a packet already played
            return -1;
        }
        estimator.onArrival(transit); // late packets count too: they are why the target must rise
        if (state == PLAYING && ext + Math.max(1, units) <= cursor) {
            late++;
            return -1;
        }
        if (slots.used[slot]) {
            discarded++; // more than PacketSlots.SLOTS packets ahead of playout
            return -1;
        }
        if (state == IDLE) {
            state = WAITING; // a new talkspurt: anchor playout on it afresh
        }
        slots.occupy(slot, seq, ext, units, now, cn);
        return slot;
    }

    private void restartStream(long packetSsrc, long ts) {
        freeAll();
        ssrc = packetSsrc;
        firstTs = ts;
        lastExt = 0;
        estimator.restartStream();
        state = WAITING;
        cnActive = false;
        playedSeq.restart();
        cursorKept = false;
        missingRun = 0;
        missingPending = 0;
    }

    private void freeAll() {
        discarded += slots.freeAll();
    }

    /** The timestamp as a 64-bit count from the stream's first packet, across 32-bit wraps. */
    private long extend(long ts) {
        long lastTs = (firstTs + lastExt) & 0xFFFFFFFFL;
        return lastExt + (int) (ts - lastTs);
    }

    // ---------------------------------------------------------------- playout

    /** True once a packet has arrived: from then on the owner plays one frame per tick. */
    public boolean started() {
        return state != EMPTY;
    }

    /**
     * Begins one 20 ms frame: measures the current delay and decides whether this frame
     * inserts or drops audio to move it toward the target.
     *
     * @param bufferedUnits audio the owner still holds from earlier units (part of a 30 ms packet)
     */
    public void startFrame(int bufferedUnits) {
        frameNow = nanoTime.getAsLong();
        insertThisFrame = false;
        dropThisFrame = false;
        framesSinceDrop++;
        if (++framesSinceTarget >= TARGET_UPDATE_FRAMES) {
            framesSinceTarget = 0;
            updateTarget();
        }
        if (state != PLAYING || !estimator.hasBaseline()) {
            return;
        }
        frameCursor = cursor - bufferedUnits;
        lagNanos = frameNow - estimator.baseline() - unitsToNanos(frameCursor);
        long target = targetMs * 1_000_000L;
        if (lagNanos < target - BAND_BELOW_NANOS) {
            insertThisFrame = true;
        } else if (lagNanos > target + BAND_ABOVE_NANOS
                && (framesSinceDrop >= DROP_SPACING_FRAMES
                        || lagNanos > target + FAST_DROP_EXCESS_NANOS && framesSinceDrop >= 2)) {
            dropThisFrame = true;
            framesSinceDrop = 0;
        }
    }

    private void updateTarget() {
        // a frame reaches one frame length beyond the arrival front's start, so the delay
        // must cover a frame plus the jitter for its last packet to be there in time
        int wanted = Math.min(ceilingMs, Math.max(floorMs, 20 + estimator.jitterPercentileMillis(TARGET_PERCENTILE)));
        // rise at once (late packets hurt now), fall back slowly (bursts come in groups)
        targetMs = wanted >= targetMs ? wanted : Math.max(wanted, targetMs - TARGET_FALL_MS);
    }

    /**
     * The next unit of playout, at most {@code want} timestamp units long (a packet may be
     * longer: the owner keeps the rest for the next frame).
     *
     * @return {@link #PACKET}, {@link #MISSING}, {@link #COMFORT_NOISE} or {@link #SILENCE}
     */
    public int next(int want) {
        nextSlot = -1;
        if (state == EMPTY || state == IDLE) {
            unit = want;
            return SILENCE;
        }
        if (state == WAITING && !startPlaying(want)) {
            return SILENCE;
        }
        if (insertThisFrame) {
            insertThisFrame = false;
            inserted++;
            unit = frameUnits; // a whole frame, even if less is wanted now: periodic sounds keep their phase
            return cnActive ? COMFORT_NOISE : MISSING;
        }
        while (true) {
            int head = slots.head();
            if (head >= 0 && slots.ts[head] <= cursor) {
                if (!slots.comfortNoise[head] && slots.ts[head] + slots.duration[head] <= cursor) {
                    slots.free(head); // overtaken by an adjustment while it waited
                    discarded++;
                    continue;
                }
                playedSeq.played(slots.sequence[head]);
                if (dropThisFrame && !slots.comfortNoise[head]) {
                    dropThisFrame = false;
                    dropped++;
                    cursor = Math.max(cursor, slots.ts[head] + slots.duration[head]);
                    slots.free(head);
                    continue;
                }
                missingRun = 0;
                concealedUnits += missingPending;
                missingPending = 0;
                if (slots.comfortNoise[head]) {
                    cnActive = true;
                    noiseLevel = slots.data[head][0];
                    slots.free(head);
                    continue;
                }
                // a packet that came after part of its time was concealed plays from where
                // playout stands, so the signal goes on without a jump
                outSkip = (int) Math.max(0, cursor - slots.ts[head]);
                long delayNanos = frameNow + unitsToNanos(slots.ts[head] + outSkip - frameCursor) - slots.arrival[head];
                playoutDelay.add(delayNanos / 1_000_000L);
                cnActive = false;
                cursor = slots.ts[head] + slots.duration[head];
                outPayload = slots.data[head];
                outLength = slots.length[head];
                unit = slots.duration[head] - outSkip;
                slots.free(head);
                return PACKET;
            }
            if (arrivedOnly) {
                unit = 0; // eager playout fills gaps only at their deadline (startDueFrame)
                return NOT_ARRIVED;
            }
            int n = head >= 0 ? (int) Math.min(want, slots.ts[head] - cursor) : want;
            // the packet right after a gap of at most one frame carries the lost one in Opus's
            // in-band FEC: offer it to the owner's decoder
            nextSlot = head >= 0 && slots.ts[head] - cursor <= frameUnits ? head : -1;
            cursor += n;
            unit = n;
            if (cnActive) {
                return COMFORT_NOISE;
            }
            if (head < 0) {
                missingRun += n;
                if (missingRun >= (long) IDLE_AFTER_FRAMES * frameUnits) {
                    state = IDLE; // the sender paused without comfort noise (DTX) or went away
                    missingPending = 0;
                    return MISSING;
                }
            }
            missingPending += n;
            return MISSING;
        }
    }

    // ---------------------------------------------------------------- eager playout

    /*
     * The alternative to the paced playout above, for a listener that nobody hears in real time
     * (a bot): audio goes out as soon as the packet holding the playout position is here, in
     * timestamp order; a gap waits until its deadline (the target delay after the fastest
     * packets would have brought it), then it is concealed at the owner's next tick. The
     * playout position then advances by stream time only: no frames inserted or dropped, so
     * exactly one frame per 20 ms of the sender's stream, and drift needs no correction.
     */

    /**
     * Eager playout, on arrival: the next unit if the packet at the playout position (or a comfort-noise
     * packet there) has arrived, else {@link #NOT_ARRIVED}. Call after every {@link #offer}
     * until it says {@link #NOT_ARRIVED}. The first packet of a stream or talkspurt plays at once.
     */
    public int nextArrived(int want) {
        frameNow = nanoTime.getAsLong();
        insertThisFrame = false;
        dropThisFrame = false;
        if (state == WAITING) {
            anchorAtHead();
        }
        if (state != PLAYING) {
            unit = 0;
            nextSlot = -1;
            return NOT_ARRIVED;
        }
        frameCursor = cursor; // the playout delay recorded for this packet is now - its arrival
        arrivedOnly = true;
        try {
            return next(want);
        } finally {
            arrivedOnly = false;
        }
    }

    /**
     * Eager playout, once per owner's tick: counts the tick (the target follows the jitter every
     * five) and says whether the audio at the playout position is due, its deadline (the target
     * delay) passed, so the owner must play a frame now, concealing what is missing. Outside a
     * running stream (nothing yet, idle sender) every tick is due: a silent frame per tick.
     *
     * @param bufferedUnits audio the owner still holds from earlier units
     */
    public boolean tickDue(int bufferedUnits) {
        if (++framesSinceTarget >= TARGET_UPDATE_FRAMES) {
            framesSinceTarget = 0;
            updateTarget();
        }
        return due(bufferedUnits);
    }

    /** {@link #tickDue} without counting a tick: for a second frame due in the same tick. */
    public boolean due(int bufferedUnits) {
        if (state != PLAYING || !estimator.hasBaseline()) {
            return true; // silence while idle; a waiting stream is anchored by startDueFrame
        }
        lagNanos = nanoTime.getAsLong() - estimator.baseline() - unitsToNanos(cursor - bufferedUnits);
        return lagNanos > targetMs * 1_000_000L;
    }

    /** Eager playout: begins a frame found {@link #due}; then {@link #next} until it is full. */
    public void startDueFrame(int bufferedUnits) {
        frameNow = nanoTime.getAsLong();
        insertThisFrame = false;
        dropThisFrame = false;
        if (state == WAITING) {
            anchorAtHead();
        }
        frameCursor = cursor - bufferedUnits;
    }

    private void anchorAtHead() {
        int head = slots.head();
        while (cursorKept && head >= 0 && slots.ts[head] + slots.duration[head] <= cursor) {
            // an idle stream's straggler, all of whose time was already played: late
            slots.free(head);
            late++;
            head = slots.head();
        }
        if (head < 0 || !estimator.hasBaseline()) {
            return;
        }
        state = PLAYING;
        missingRun = 0;
        // same timeline: never back (a straggler's concealed start is skipped); else a fresh one
        cursor = cursorKept ? Math.max(cursor, slots.ts[head]) : slots.ts[head];
        cursorKept = true;
    }

    /** In WAITING: anchors the playout cursor so that the first packet plays at the target delay. */
    private boolean startPlaying(int want) {
        int head = slots.head();
        if (head < 0 || !estimator.hasBaseline()) {
            unit = want;
            return false;
        }
        long front = nanosToUnits(frameNow - estimator.baseline());
        long anchor = front - nanosToUnits(targetMs * 1_000_000L) + (frameUnits - want);
        long headTs = slots.ts[head];
        if (headTs - anchor >= want) {
            unit = want;
            return false;
        }
        state = PLAYING;
        missingRun = 0;
        insertThisFrame = false;
        dropThisFrame = false;
        frameCursor = anchor - (frameUnits - want);
        lagNanos = targetMs * 1_000_000L;
        if (headTs > anchor) {
            cursor = headTs; // the silence before the first packet sets the delay
            unit = (int) (headTs - anchor);
            return false;
        }
        // the head is already due (packets came in a burst, the front is ahead of it): play
        // it now rather than throw the burst away; the surplus delay is given back gently
        cursor = headTs;
        frameCursor = headTs - (frameUnits - want);
        return true;
    }

    private long unitsToNanos(long units) {
        return units * 1_000_000L / clockRate * 1000L;
    }

    private long nanosToUnits(long nanos) {
        return Math.floorDiv(nanos / 1000L * clockRate, 1_000_000L);
    }

    // ---------------------------------------------------------------- the unit handed out

    /** The payload of a {@link #PACKET}; the buffer's own array, valid until the next offer. */
    public byte[] payload() { return outPayload; }

    /**
     * After {@link #MISSING}: the payload of the packet that follows the gap when it is already
     * here and the gap is at most one frame (so a codec with in-band FEC, Opus, can rebuild the
     * lost audio from it), else {@code null}. Valid until the next call; the packet still plays
     * in its own turn.
     */
    public byte[] nextPayload() { return nextSlot >= 0 ? slots.data[nextSlot] : null; }

    /** Bytes of {@link #nextPayload()}. */
    public int nextPayloadLength() { return nextSlot >= 0 ? slots.length[nextSlot] : 0; }

    public int payloadLength() { return outLength; }

    /**
     * Timestamp units at the start of a {@link #PACKET} that were already concealed and must
     * not be played again: for G.711 the bytes to skip; a frame-based codec decodes the whole
     * packet and drops that many samples (scaled to its output rate).
     */
    public int skipUnits() { return outSkip; }

    /** Timestamp units the last unit covers (for a packet: what remains after {@link #skipUnits()}). */
    public int unitLength() { return unit; }

    /** Comfort-noise level in -dBov (RFC 3389), for {@link #COMFORT_NOISE}. */
    public int noiseLevel() { return noiseLevel; }

    // ---------------------------------------------------------------- statistics

    public int targetDelayMillis() { return targetMs; }

    /** How far playout ran behind the fastest recent packets at the last frame, in ms. */
    public int currentDelayMillis() { return (int) (lagNanos / 1_000_000L); }

    /** Median time from a packet's arrival to its playout, over the call. */
    public int delayP50Millis() { return playoutDelay.percentile(50); }

    /** 95th percentile of the time from arrival to playout, over the call. */
    public int delayP95Millis() { return playoutDelay.percentile(95); }

    public long received() { return received; }

    /** Packets that arrived after their playout time. */
    public long late() { return late; }

    public long duplicates() { return duplicates; }

    /** Packets thrown away unplayed: buffer full, stream restarted, overtaken. */
    public long discarded() { return discarded; }

    /** Sequence numbers skipped at playout without having been received in time. */
    public long lost() { return playedSeq.lost(); }

    /** 20 ms frames' worth of audio that had to be concealed because it was missing. */
    public long concealedFrames() { return concealedUnits / frameUnits; }

    /** Adjustments toward the target: frames dropped and frames inserted. */
    public long droppedFrames() { return dropped; }

    public long insertedFrames() { return inserted; }

    /** Times the stream restarted (SSRC change, timestamp jump). */
    public long resyncs() { return resyncs; }
}
