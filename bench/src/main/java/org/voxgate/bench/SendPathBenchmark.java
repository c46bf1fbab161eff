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
import org.voxgate.media.audio.Resampler;
import org.voxgate.media.codec.AudioCodec;
import org.voxgate.media.rtp.RtpHeader;

/**
 * The per-frame send path, one 20 ms frame per operation: a 16 kHz frame (what speech
 * synthesis produces) resampled to 8 kHz, encoded as PCMA and written with its RTP header into
 * one reused buffer; each stage alone and all together ({@link #frame}). Run with
 * {@code -prof gc} for bytes allocated per frame.
 *
 * <p>Not included: handing the packet to Netty. The session's sender today wraps each packet
 * in a new {@code DatagramPacket} (a small allocation per packet, see docs/BENCHMARKS.md).
 *
 * <p>Re-pointing after the media merge: a codec chosen from the negotiated format (Opus,
 * G.722) replaces {@code AudioCodec.PCMA} in {@link #setUp}; for Opus the frame is 48 kHz and
 * the resampler goes 16 -> 48 kHz.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SendPathBenchmark {
    private static final int FRAMES = 50;
    private static final int FRAME_16K = 320;
    private static final int FRAME_8K = 160;

    private short[] speech16k;
    private final short[] frame16k = new short[FRAME_16K];
    private final short[] pcm8k = new short[FRAME_8K + 8];
    private final byte[] payload = new byte[FRAME_8K];
    private Resampler downsampler;
    private AudioCodec codec;
    private ByteBuf packet;
    private int index;
    private int sequence;
    private long timestamp;

    @Setup(Level.Trial)
    public void setUp() {
        speech16k = TestSignal.speechLike(16000, FRAMES * FRAME_16K);
        downsampler = new Resampler(16000, 8000);
        codec = AudioCodec.PCMA;
        packet = PooledByteBufAllocator.DEFAULT.directBuffer(RtpHeader.FIXED_SIZE + FRAME_8K);
        for (int i = 0; i < 2 * FRAMES; i++) {
            frame();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        packet.release();
    }

    private short[] nextFrame() {
        System.arraycopy(speech16k, index * FRAME_16K, frame16k, 0, FRAME_16K);
        index = index + 1 == FRAMES ? 0 : index + 1;
        return frame16k;
    }

    /** Resample, encode and packetize one frame. */
    @Benchmark
    public int frame() {
        int n = downsampler.process(nextFrame(), 0, FRAME_16K, pcm8k, 0);
        codec.encode(pcm8k, 0, payload, 0, n);
        return packetize(n);
    }

    @Benchmark
    public int resample() {
        return downsampler.process(nextFrame(), 0, FRAME_16K, pcm8k, 0);
    }

    @Benchmark
    public byte encode() {
        codec.encode(pcm8k, 0, payload, 0, FRAME_8K);
        return payload[17];
    }

    @Benchmark
    public int packetize() {
        return packetize(FRAME_8K);
    }

    private int packetize(int length) {
        packet.clear();
        RtpHeader.write(packet, false, 8, sequence, timestamp, 0x1234_5678L);
        packet.writeBytes(payload, 0, length);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += length;
        return packet.readableBytes();
    }
}
