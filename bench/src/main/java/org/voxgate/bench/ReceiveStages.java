package org.voxgate.bench;

import io.netty.buffer.ByteBuf;
import org.voxgate.media.Codec;
import org.voxgate.media.CodecOptions;
import org.voxgate.media.audio.Resampler;
import org.voxgate.media.audio.VoiceActivityDetector;
import org.voxgate.media.codec.AudioCodecs;
import org.voxgate.media.codec.AudioDecoder;
import org.voxgate.media.jitter.AdaptiveJitterBuffer;
import org.voxgate.media.rtp.RtpHeader;

/**
 * The receive path of one call assembled from media's public stages, in the order the
 * session runs them: parse -> adaptive jitter buffer (in, then one 20 ms playout) -> decode
 * with the session's decoder -> 8 -> 16 kHz -> VAD. This is the one place the benchmark names
 * the stages.
 *
 * <p>Time: the jitter buffer reads a clock the benchmark advances by 20 ms per packet, so it
 * sees a clean stream arriving exactly on time (its steady state on a quiet network).
 *
 * <p>Threading: one benchmark thread. Buffers: every array is allocated here once; the clock
 * is a method reference bound once, so nothing is created per packet.
 */
final class ReceiveStages implements AutoCloseable {
    static final int FRAME_8K = 160;
    static final int FRAME_16K = 320;
    private static final long FRAME_NANOS = 20_000_000L;

    private final RtpHeader header = new RtpHeader();
    private long nowNanos = 1_000_000_000L;
    private final AdaptiveJitterBuffer jitter =
            new AdaptiveJitterBuffer(this::now, 8000, 20, 200, FRAME_8K);
    private final AdaptiveJitterBuffer bareJitter =
            new AdaptiveJitterBuffer(this::now, 8000, 20, 200, FRAME_8K);
    private final AudioDecoder decoder = AudioCodecs.decoder(Codec.PCMA, CodecOptions.NONE);
    private final Resampler upsampler = new Resampler(8000, 16000);
    private final Resampler resampleOnly = new Resampler(8000, 16000);
    private final VoiceActivityDetector vad = new VoiceActivityDetector(1, 16000);
    private final short[] frame8k = new short[AudioDecoder.MAX_DECODED_SAMPLES];
    private final short[] frame16k = new short[upsampler.maxOutputLength(FRAME_8K)];
    private final short[] scratch16k = new short[resampleOnly.maxOutputLength(FRAME_8K)];
    private boolean speech;

    private long now() {
        return nowNanos;
    }

    /** One datagram in and one 20 ms frame out; returns the VAD's verdict on that frame. */
    boolean onDatagram(ByteBuf datagram) {
        nowNanos += FRAME_NANOS;
        if (header.parse(datagram) && header.payloadType() == 8) {
            jitter.offer(header.sequenceNumber(), header.timestamp(), header.ssrc(), datagram,
                    header.payloadOffset(), header.payloadLength(), header.payloadLength());
        }
        jitter.startFrame(0);
        if (jitter.next(FRAME_8K) == AdaptiveJitterBuffer.PACKET) {
            int n = decoder.decode(jitter.payload(), 0, jitter.payloadLength(), frame8k, 0);
            int m = upsampler.process(frame8k, 0, n, frame16k, 0);
            speech = vad.isSpeech(frame16k, 0, m);
        }
        return speech;
    }

    /** The jitter buffer alone: one packet in, one playout step out; returns what it played. */
    int jitterOnly(ByteBuf datagram, int sequence, long timestamp) {
        nowNanos += FRAME_NANOS;
        bareJitter.offer(sequence, timestamp, 0x1234_5678L, datagram, RtpHeader.FIXED_SIZE,
                datagram.readableBytes() - RtpHeader.FIXED_SIZE, FRAME_8K);
        bareJitter.startFrame(0);
        return bareJitter.next(FRAME_8K);
    }

    int resampleOnly(short[] pcm8k) {
        return resampleOnly.process(pcm8k, 0, pcm8k.length, scratch16k, 0);
    }

    boolean vadOnly() {
        return vad.isSpeech(frame16k, 0, FRAME_16K);
    }

    @Override
    public void close() {
        decoder.close();
        vad.close();
    }
}
