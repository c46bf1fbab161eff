package org.voxgate.media.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.CallRecorderTap;

/**
 * Records one call to a stereo 16-bit 8 kHz WAV file while it runs: the caller on the left
 * channel, what the bot sent on the right, lined up by {@link FrameAligner}.
 *
 * <p>Threading: the {@link CallRecorderTap} methods run on media threads and never block or
 * touch the disk; each copies its frame into a free slot of a fixed pool and queues it. A
 * writer thread of its own (from the given factory, normally virtual) wakes every
 * {@value #DRAIN_MILLIS} ms, aligns what was queued and appends it to the file in one block.
 * When the disk is slow and every slot is taken, frames are dropped and counted
 * ({@link #droppedFrames()}); the call is never held up. {@link #close()} may be called from
 * any thread, once the session no longer calls the tap (or while it still does: later frames
 * are ignored). Memory per recording is fixed: the pool, the aligner's ring and one block.
 *
 * <p>Crash safety: the file starts with a provisional header (see {@link WavFile}) and each
 * block is appended as it is aligned, so a node that dies leaves a playable file that
 * {@link WavFile#repair} makes exact.
 */
public final class CallRecorder implements CallRecorderTap, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);
    /**
     * Frames either side may stray before it is re-synchronised (60 ms). While caller frames
     * are delivered as packets arrive, this bounds the misalignment that network jitter or a
     * pause of the sender leaves; with a jitter buffer that delivers one frame per tick the
     * two sides never stray this far.
     */
    static final int ALIGN_WINDOW_FRAMES = 3;
    /** Frames held for alignment: a side silent longer than this is written as silence. */
    static final int ALIGN_DEPTH_FRAMES = 25;
    /** Slots for frames on their way to the writer: 640 ms of both sides. */
    static final int QUEUE_FRAMES = 64;
    static final long DRAIN_MILLIS = 100;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final Path file;
    private final ArrayBlockingQueue<Slot> free = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final ArrayBlockingQueue<Slot> queued = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final AtomicLong dropped = new AtomicLong();
    private final WavWriter wav;
    private final FrameAligner aligner;
    private final ByteBuffer block;
    private final ShortBuffer blockSamples;
    private final Thread writer;
    private volatile long botFrames;   // written only by the pacer thread
    private volatile boolean closing;
    private volatile boolean failed;

    private CallRecorder(Path file, ThreadFactory threads) throws IOException {
        this.file = file;
        for (int i = 0; i < QUEUE_FRAMES; i++) {
            free.add(new Slot());
        }
        block = ByteBuffer.allocate(ALIGN_DEPTH_FRAMES * 2 * FrameAligner.FRAME * 2).order(ByteOrder.LITTLE_ENDIAN);
        blockSamples = block.asShortBuffer();
        aligner = new FrameAligner(ALIGN_WINDOW_FRAMES, ALIGN_DEPTH_FRAMES, this::append);
        wav = new WavWriter(file, 2, AudioChannel.SAMPLE_RATE);
        writer = threads.newThread(this::runWriter);
    }

    /**
     * Creates the file (which must not exist; its directory must) and starts the writer.
     *
     * @throws IOException when the file cannot be created
     */
    public static CallRecorder start(Path file, ThreadFactory threads) throws IOException {
        CallRecorder recorder = new CallRecorder(file, threads);
        recorder.writer.start();
        return recorder;
    }

    /** The file being written. */
    public Path file() { return file; }

    /** Frames not recorded because the writer had fallen behind (or failed). */
    public long droppedFrames() { return dropped.get(); }

    @Override
    public void onCallerFrame(short[] frame) {
        offer(frame, true, botFrames);
    }

    @Override
    public void onBotFrame(short[] frame) {
        if (offer(frame, false, 0)) {
            botFrames++; // single writer: the pacer thread
        }
    }

    private boolean offer(short[] frame, boolean caller, long tick) {
        if (closing || failed) {
            return false;
        }
        Slot slot = free.poll();
        if (slot == null) {
            dropped.incrementAndGet();
            return false;
        }
        System.arraycopy(frame, 0, slot.pcm, 0, FrameAligner.FRAME);
        slot.caller = caller;
        slot.tick = tick;
        queued.offer(slot); // never full: it holds at most the pool's slots
        return true;
    }

    /**
     * Stops recording: writes what is queued, patches the header and closes the file, waiting
     * up to five seconds for the writer. Idempotent.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        LockSupport.unpark(writer);
        try {
            if (!writer.join(java.time.Duration.ofMillis(CLOSE_WAIT_MILLIS))) {
                LOG.warn("recording {} still being written after {} ms", file, CLOSE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------ writer thread

    private void runWriter() {
        try {
            while (true) {
                boolean last = closing; // read before draining: frames queued before close are taken
                drain();
                writeBlock();
                if (last) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS));
            }
            aligner.finish();
            writeBlock();
        } catch (IOException | RuntimeException e) {
            failed = true;
            LOG.warn("recording {} failed, stopped: {}", file, e.toString());
        } finally {
            closeFile();
        }
    }

    private void drain() {
        Slot slot;
        while ((slot = queued.poll()) != null) {
            if (slot.caller) {
                aligner.caller(slot.pcm, slot.tick);
            } else {
                aligner.bot(slot.pcm);
            }
            free.offer(slot);
        }
    }

    /** The aligner's output: one stereo frame into the block, which goes to disk when full. */
    private void append(short[] interleaved, int offset) {
        if (blockSamples.remaining() < 2 * FrameAligner.FRAME) {
            try {
                writeBlock();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        blockSamples.put(interleaved, offset, 2 * FrameAligner.FRAME);
    }

    private void writeBlock() throws IOException {
        int samples = blockSamples.position();
        if (samples == 0) {
            return;
        }
        block.position(0).limit(samples * 2);
        wav.write(block);
        block.clear();
        blockSamples.clear();
    }

    private void closeFile() {
        try {
            wav.close();
        } catch (IOException e) {
            LOG.warn("recording {}: header not patched ({}); WavFile.repair fixes it", file, e.toString());
        }
        LOG.info("recording {} closed: {} s, caller padded {} bot padded {} late {} dropped {} frames", file,
                aligner.emitted() * FrameAligner.FRAME / AudioChannel.SAMPLE_RATE, aligner.callerPadded(),
                aligner.botPadded(), aligner.late(), dropped.get());
    }

    /** A pooled frame on its way to the writer. */
    private static final class Slot {
        final short[] pcm = new short[FrameAligner.FRAME];
        boolean caller;
        long tick;
    }
}
