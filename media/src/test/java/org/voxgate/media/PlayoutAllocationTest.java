package org.voxgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.voxgate.media.rtp.RtpHeader;

/**
 * The receive path's per-frame work (header parse, jitter buffer in and out, decode, concealment) allocates
 * nothing in steady state: measured with the JVM's per-thread allocation counter over ten
 * thousand frames with loss and reordering in them.
 */
class PlayoutAllocationTest {
    private long now;

    @Test
    void steadyStatePlayoutAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] heard = new long[1];
        ReceivePlayout playout = new ReceivePlayout(() -> now, 20, 200, frame -> heard[0] += frame[0]);
        RtpHeader header = new RtpHeader();
        ByteBuf packet = Unpooled.buffer(12 + 160);

        run(playout, header, packet, 0, 3_000); // warm up: JIT, slot arrays, lambdas
        long before = threads.getCurrentThreadAllocatedBytes();
        run(playout, header, packet, 3_000, 13_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated over 10 000 frames").isLessThan(1024);
        assertThat(playout.jitter().concealedFrames()).isPositive();
        assertThat(playout.jitter().lost()).isEqualTo(259); // every 50th of 13 000, but seq 0: the stream starts after it
    }

    @Test
    void eagerPlayoutAllocatesNothingEither() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] heard = new long[1];
        ReceivePlayout playout = new ReceivePlayout(() -> now, 20, 200, frame -> heard[0] += frame[0]);
        playout.setMode(InboundPlayout.EAGER);
        RtpHeader header = new RtpHeader();
        ByteBuf packet = Unpooled.buffer(12 + 160);

        runTicks(playout, header, packet, 0, 3_000);
        long before = threads.getCurrentThreadAllocatedBytes();
        runTicks(playout, header, packet, 3_000, 13_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated over 10 000 frames").isLessThan(1024);
        assertThat(playout.jitter().concealedFrames()).isPositive();
        assertThat(playout.jitter().lost()).isEqualTo(259);
    }

    /** As {@link #run}, but the tick is the session's: {@code playFrames(1)}. */
    private void runTicks(ReceivePlayout playout, RtpHeader header, ByteBuf packet, int from, int to) {
        for (int k = from; k < to; k++) {
            now = k * 20_000_000L + 1_000_000L;
            int seq = k % 7 == 0 ? k + 1 : (k % 7 == 1 ? k - 1 : k);
            if (seq % 50 != 0) {
                packet.clear();
                RtpHeader.write(packet, false, 0, seq, 160L * seq, 42);
                packet.writerIndex(12 + 160);
                header.parse(packet);
                playout.offerAudio(header, packet);
            }
            now = k * 20_000_000L + 9_000_000L;
            playout.playFrames(1);
        }
    }

    /** Packets k in [from, to): every 50th lost, every 7th swapped with the next. */
    private void run(ReceivePlayout playout, RtpHeader header, ByteBuf packet, int from, int to) {
        for (int k = from; k < to; k++) {
            now = k * 20_000_000L + 1_000_000L;
            int seq = k % 7 == 0 ? k + 1 : (k % 7 == 1 ? k - 1 : k);
            if (seq % 50 != 0) {
                packet.clear();
                RtpHeader.write(packet, false, 0, seq, 160L * seq, 42);
                packet.writerIndex(12 + 160);
                header.parse(packet);
                playout.offerAudio(header, packet);
            }
            now = k * 20_000_000L + 9_000_000L;
            playout.playFrame();
        }
    }
}
