package org.voxgate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.voxgate.media.codec.AudioCodec;
import org.voxgate.media.rtp.RtpHeader;

/**
 * The per-frame receive path, one 20 ms PCMA packet per operation: RTP parse, the
 * adaptive jitter buffer (packet in, one frame of playout out), G.711 decode, resampling 8 -> 16 kHz and the WebRTC VAD at 16 kHz,
 * each on its own and all together ({@link #frame}). Run with {@code -prof gc}: the
 * {@code gc.alloc.rate.norm} column is bytes allocated per frame.
 *
 * <p>The packets are pooled direct buffers like the ones Netty hands the RTP handler, each
 * re-stamped with the next sequence number and timestamp before use, so the jitter buffer
 * sees an endless in-order stream (its steady state on a clean network). The stages live in
 * {@link ReceiveStages}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReceivePathBenchmark {
    /** Distinct packets cycled through, so the decoder and VAD do not see one frame forever. */
    private static final int PACKETS = 50;

    private final ByteBuf[] packets = new ByteBuf[PACKETS];
    private final RtpHeader parseOnly = new RtpHeader();
    private final short[] decoded = new short[ReceiveStages.FRAME_8K];
    private final byte[] payload = new byte[ReceiveStages.FRAME_8K];
    private ReceiveStages stages;
    private int index;
    private int sequence;
    private long timestamp;

    @Setup(Level.Trial)
    public void setUp() {
        stages = new ReceiveStages();
        short[] speech = TestSignal.speechLike(8000, PACKETS * ReceiveStages.FRAME_8K);
        byte[] alaw = new byte[ReceiveStages.FRAME_8K];
        for (int p = 0; p < PACKETS; p++) {
            AudioCodec.PCMA.encode(speech, p * ReceiveStages.FRAME_8K, alaw, 0, alaw.length);
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(RtpHeader.FIXED_SIZE + alaw.length);
            RtpHeader.write(buf, false, 8, 0, 0, 0x1234_5678L);
            buf.writeBytes(alaw);
            packets[p] = buf;
        }
        packets[0].getBytes(RtpHeader.FIXED_SIZE, payload);
        // first pass so filters, VAD history and the jitter buffer are past start-up
        for (int i = 0; i < 2 * PACKETS; i++) {
            frame();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf buf : packets) {
            buf.release();
        }
        stages.close();
    }

    private ByteBuf nextPacket() {
        ByteBuf buf = packets[index];
        index = index + 1 == PACKETS ? 0 : index + 1;
        buf.setShort(2, sequence);
        buf.setInt(4, (int) timestamp);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += ReceiveStages.FRAME_8K;
        return buf;
    }

    /** Parse, jitter buffer, decode, resample and VAD: everything one packet costs on receive. */
    @Benchmark
    public boolean frame() {
        return stages.onDatagram(nextPacket());
    }

    @Benchmark
    public int parse() {
        parseOnly.parse(nextPacket());
        return parseOnly.payloadLength();
    }

    /** The jitter buffer alone: one in-order packet in, one 20 ms playout step out. */
    @Benchmark
    public int jitterBuffer() {
        int seq = sequence;
        long ts = timestamp;
        return stages.jitterOnly(nextPacket(), seq, ts);
    }

    @Benchmark
    public short decode() {
        AudioCodec.PCMA.decode(payload, 0, decoded, 0, decoded.length);
        return decoded[17];
    }

    @Benchmark
    public int resample() {
        return stages.resampleOnly(decoded);
    }

    @Benchmark
    public boolean vad() {
        return stages.vadOnly();
    }
}
