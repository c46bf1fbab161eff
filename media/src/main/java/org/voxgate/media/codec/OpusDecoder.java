package org.voxgate.media.codec;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.voxgate.media.CodecOptions;
import org.voxgate.media.audio.Resampler;

/**
 * {@link AudioDecoder} for Opus: decodes mono at 16 kHz (or at 8 kHz when the peer's
 * {@code sprop-maxcapturerate} says it sends no more than narrowband, which saves the
 * resampler) and resamples to the pipeline's 8 kHz.
 *
 * <p>Concealment uses libopus itself: with the packet after the gap at hand it decodes the
 * lost packet from that packet's in-band FEC ({@code decode_fec = 1}); without it, libopus's
 * packet-loss concealment ({@code opus_decode} with no data). Either way the length is that
 * of the last packet decoded, as libopus requires.
 *
 * <p>Threading and ownership: as {@link AudioDecoder}; decode, conceal and close are
 * synchronized so a close from another thread cannot free the state mid-call.
 */
final class OpusDecoder implements AudioDecoder {
    /** Longest packet: 120 ms. */
    private static final int MAX_FRAME_MS = 120;
    private static final int MAX_PAYLOAD_BYTES = 1500;

    private final int rate;
    private final Resampler down;
    private final int maxFrame;
    private final short[] decoded;
    private final Memory packet = new Memory(MAX_PAYLOAD_BYTES);
    private final Memory pcm;
    private Pointer state;
    /** Samples (at {@link #rate}) of the last packet, the length libopus conceals by. */
    private int lastFrame;

    OpusDecoder(CodecOptions options) {
        this.rate = options.maxCaptureRate() <= 8000 ? 8000 : OpusEncoder.API_RATE;
        this.down = rate == 8000 ? null : new Resampler(rate, 8000);
        this.maxFrame = rate * MAX_FRAME_MS / 1000;
        this.decoded = new short[maxFrame];
        this.pcm = new Memory(2L * maxFrame);
        this.lastFrame = rate / 50;
        int[] error = new int[1];
        Pointer created = OpusNative.opus_decoder_create(rate, 1, error);
        if (created == null || error[0] != OpusNative.OK) {
            throw new IllegalStateException("opus_decoder_create failed: " + error[0]);
        }
        state = created;
    }

    /** The rate libopus decodes at (8000 or 16000). */
    int decodeRate() {
        return rate;
    }

    @Override
    public synchronized int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        if (state == null || length <= 0 || length > MAX_PAYLOAD_BYTES) {
            return 0;
        }
        packet.write(0, payload, offset, length);
        int n = OpusNative.opus_decode(state, packet, length, pcm, maxFrame, 0);
        if (n <= 0) {
            return 0; // a corrupt packet: its time is lost, the next conceal covers nothing extra
        }
        lastFrame = n;
        return toPipelineRate(n, out, outOffset);
    }

    @Override
    public boolean concealsItself() {
        return true;
    }

    @Override
    public synchronized int conceal(byte[] next, int offset, int length, short[] out, int outOffset) {
        if (state == null) {
            return 0;
        }
        int n;
        if (next != null && length > 0 && length <= MAX_PAYLOAD_BYTES) {
            packet.write(0, next, offset, length);
            n = OpusNative.opus_decode(state, packet, length, pcm, lastFrame, 1);
        } else {
            n = OpusNative.opus_decode(state, null, 0, pcm, lastFrame, 0);
        }
        if (n <= 0) {
            return 0;
        }
        return toPipelineRate(n, out, outOffset);
    }

    private int toPipelineRate(int n, short[] out, int outOffset) {
        if (down == null) {
            pcm.read(0, out, outOffset, n);
            return n;
        }
        pcm.read(0, decoded, 0, n);
        return down.process(decoded, 0, n, out, outOffset);
    }

    @Override
    public synchronized void close() {
        if (state != null) {
            OpusNative.opus_decoder_destroy(state);
            state = null;
            packet.close();
            pcm.close();
        }
    }
}
