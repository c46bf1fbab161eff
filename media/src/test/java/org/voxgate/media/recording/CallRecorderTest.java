package org.voxgate.media.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecorderTest {
    private static final int TICKS = 150;
    @TempDir
    Path dir;

    @Test
    void writesCallerLeftAndBotRightFromTwoThreadsAndClosesAnExactFile() throws Exception {
        Path file = dir.resolve("call.wav");
        CallRecorder recorder = CallRecorder.start(file, Thread.ofVirtual().factory());
        short[] bot = new short[FrameAligner.FRAME];
        short[] caller = new short[FrameAligner.FRAME];
        // a pacer thread and a receive thread, as in a call, one caller frame per tick
        CountDownLatch ticked = new CountDownLatch(1);
        Thread pacer = Thread.ofPlatform().start(() -> {
            for (int t = 1; t <= TICKS; t++) {
                java.util.Arrays.fill(bot, (short) -t);
                recorder.onBotFrame(bot);
                if (t == 1) {
                    ticked.countDown();
                }
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // the real pace: the writer drains every 100 ms
            }
        });
        ticked.await();
        Thread receive = Thread.ofPlatform().start(() -> {
            for (int t = 1; t <= TICKS; t++) {
                java.util.Arrays.fill(caller, (short) t);
                recorder.onCallerFrame(caller);
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
        });
        pacer.join();
        receive.join();
        recorder.close();
        assertEquals(0, recorder.droppedFrames());

        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(2, f.getChannels());
            assertEquals(8000f, f.getSampleRate());
            ByteBuffer pcm = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int frames = pcm.limit() / 4 / FrameAligner.FRAME;
            assertTrue(frames >= TICKS && frames <= TICKS + 10, "frames " + frames);
            int callerSeen = 0;
            int lastCaller = 0;
            int lastBot = 0;
            for (int i = 0; i < frames; i++) {
                int left = pcm.getShort(i * FrameAligner.FRAME * 4);
                int right = pcm.getShort(i * FrameAligner.FRAME * 4 + 2);
                if (left != 0) {
                    assertTrue(left > lastCaller, "caller frames in order");
                    lastCaller = left;
                    callerSeen++;
                }
                if (right != 0) {
                    assertEquals(lastBot - 1, right, "bot frames in order, none lost");
                    lastBot = right;
                }
            }
            assertEquals(-TICKS, lastBot);
            assertEquals(TICKS, callerSeen, "every caller frame written once");
        }
    }

    @Test
    void aWriterThatFallsBehindCostsFramesNotTheCall() throws Exception {
        Path file = dir.resolve("slow.wav");
        CountDownLatch diskBack = new CountDownLatch(1);
        ThreadFactory stalledDisk = task -> Thread.ofVirtual().unstarted(() -> {
            try {
                diskBack.await(); // the writer is stuck, as on a disk that does not answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        });
        CallRecorder recorder = CallRecorder.start(file, stalledDisk);
        short[] frame = new short[FrameAligner.FRAME];
        java.util.Arrays.fill(frame, (short) 1000);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            recorder.onBotFrame(frame);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(100 - CallRecorder.QUEUE_FRAMES, recorder.droppedFrames());
        assertTrue(elapsedMillis < 1000, "the tap never waits for the disk: " + elapsedMillis + " ms");
        diskBack.countDown();
        recorder.close();
        assertEquals(CallRecorder.QUEUE_FRAMES, AudioSystem.getAudioFileFormat(file.toFile()).getFrameLength()
                / FrameAligner.FRAME);
    }

    @Test
    void theTapAllocatesNothingPerFrame() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        CallRecorder recorder = CallRecorder.start(dir.resolve("alloc.wav"), Thread.ofVirtual().factory());
        short[] frame = new short[FrameAligner.FRAME];
        long allocated = 0;
        int frames = 0;
        for (int round = 0; round < 12; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20; i++) {
                recorder.onBotFrame(frame);
                recorder.onCallerFrame(frame);
            }
            long after = threads.getCurrentThreadAllocatedBytes();
            if (round >= 2) { // the first rounds warm up (class loading, first use)
                allocated += after - before;
                frames += 40;
            }
            Thread.sleep(CallRecorder.DRAIN_MILLIS + 50); // the writer drains, the pool refills
        }
        recorder.close();
        assertEquals(0, recorder.droppedFrames());
        // a contended queue lock may allocate a wait node now and then; anything per frame would show
        assertTrue(allocated < frames, "allocated " + allocated + " bytes over " + frames + " frames");
    }

    @Test
    void framesAfterCloseAreIgnored() throws Exception {
        Path file = dir.resolve("closed.wav");
        CallRecorder recorder = CallRecorder.start(file, Thread.ofVirtual().factory());
        recorder.onBotFrame(new short[FrameAligner.FRAME]);
        recorder.close();
        recorder.onBotFrame(new short[FrameAligner.FRAME]);
        recorder.onCallerFrame(new short[FrameAligner.FRAME]);
        recorder.close();
        assertEquals(FrameAligner.FRAME, AudioSystem.getAudioFileFormat(file.toFile()).getFrameLength());
    }
}
