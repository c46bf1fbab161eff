package org.voxgate.media.codec;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.voxgate.media.CodecOptions;
import org.voxgate.media.audio.Resampler;

/**
 * {@link AudioEncoder} for Opus (RFC 6716, RTP per RFC 7587): the pipeline's 8 kHz frames are
 * resampled to 16 kHz and encoded mono, 20 ms per packet, with the VOIP application, in-band
 * FEC on (with a 10 % expected loss, without which libopus adds no FEC data), VBR, complexity
 * 5 (a quarter of the CPU of 10 for a barely audible difference at these rates) and
 * {@value #DEFAULT_BITRATE} bit/s. Wideband (16 kHz) because the pipeline's audio is 8 kHz:
 * coding more band than is there only spends bits.
 *
 * <p>The peer's fmtp is honoured: a {@code maxplaybackrate} below 16000 caps the coded
 * bandwidth (narrow- or mediumband), a {@code maxaveragebitrate} caps the bit rate.
 *
 * <p>Threading and ownership: as {@link AudioEncoder}; {@link #encode} and {@link #close} are
 * synchronized so a close from the signalling thread cannot free the state under the pacer.
 */
final class OpusEncoder implements AudioEncoder {
    /** The rate Opus is fed at. */
    static final int API_RATE = 16000;
    static final int DEFAULT_BITRATE = 24000;
    private static final int SAMPLES_PER_FRAME = API_RATE / 50;
    private static final int EXPECTED_LOSS_PERCENT = 10;
    private static final int COMPLEXITY = 5;

    private final Resampler up = new Resampler(8000, API_RATE);
    private final short[] wide = new short[up.maxOutputLength(FRAME_SAMPLES) + SAMPLES_PER_FRAME];
    private final Memory pcm = new Memory(2L * SAMPLES_PER_FRAME);
    private final Memory packet = new Memory(MAX_PAYLOAD_BYTES);
    private Pointer state;
    /** Wideband samples waiting for the next frame (the resampler's phase may lag by one). */
    private int pending;

    OpusEncoder(CodecOptions options) {
        int[] error = new int[1];
        Pointer created = OpusNative.opus_encoder_create(API_RATE, 1, OpusNative.APPLICATION_VOIP, error);
        if (created == null || error[0] != OpusNative.OK) {
            throw new IllegalStateException("opus_encoder_create failed: " + error[0]);
        }
        state = created;
        int bitrate = options.maxAverageBitrate() > 0
                ? Math.max(6000, Math.min(DEFAULT_BITRATE, options.maxAverageBitrate())) : DEFAULT_BITRATE;
        int bandwidth = options.maxPlaybackRate() <= 8000 ? OpusNative.BANDWIDTH_NARROWBAND
                : options.maxPlaybackRate() <= 12000 ? OpusNative.BANDWIDTH_MEDIUMBAND
                : OpusNative.BANDWIDTH_WIDEBAND;
        ctl(OpusNative.SET_BITRATE, bitrate);
        ctl(OpusNative.SET_MAX_BANDWIDTH, bandwidth);
        ctl(OpusNative.SET_VBR, 1);
        ctl(OpusNative.SET_COMPLEXITY, COMPLEXITY);
        ctl(OpusNative.SET_INBAND_FEC, 1);
        ctl(OpusNative.SET_PACKET_LOSS_PERC, EXPECTED_LOSS_PERCENT);
        ctl(OpusNative.SET_DTX, 0);
        ctl(OpusNative.SET_SIGNAL, OpusNative.SIGNAL_VOICE);
    }

    private void ctl(int request, int value) {
        int result = OpusNative.encoderCtl(state, request, value);
        if (result != OpusNative.OK) {
            close();
            throw new IllegalStateException("opus_encoder_ctl(" + request + ", " + value + ") failed: " + result);
        }
    }

    @Override
    public synchronized int encode(short[] frame, int offset, byte[] out, int outOffset) {
        if (state == null) {
            return 0;
        }
        pending += up.process(frame, offset, FRAME_SAMPLES, wide, pending);
        if (pending < SAMPLES_PER_FRAME) {
            // only at the very start, while the resampler's phase settles: pad the first frame
            java.util.Arrays.fill(wide, pending, SAMPLES_PER_FRAME, (short) 0);
            pending = SAMPLES_PER_FRAME;
        }
        pcm.write(0, wide, 0, SAMPLES_PER_FRAME);
        pending -= SAMPLES_PER_FRAME;
        if (pending > 0) {
            System.arraycopy(wide, SAMPLES_PER_FRAME, wide, 0, pending);
        }
        int n = OpusNative.opus_encode(state, pcm, SAMPLES_PER_FRAME, packet, MAX_PAYLOAD_BYTES);
        if (n <= 0) {
            return 0;
        }
        packet.read(0, out, outOffset, n);
        return n;
    }

    @Override
    public int timestampStep() {
        return 960; // 20 ms at Opus's fixed 48 kHz RTP clock (RFC 7587 section 4.1)
    }

    @Override
    public synchronized void close() {
        if (state != null) {
            OpusNative.opus_encoder_destroy(state);
            state = null;
            pcm.close();
            packet.close();
        }
    }
}
