package org.voxgate.media;

import org.voxgate.media.codec.AudioCodec;

/**
 * Decodes in-order G.711 payloads and cuts them into 160-sample frames for the
 * {@link InboundAudioListener}, so callers get 20 ms frames even when the far end sends
 * 10 ms or 30 ms packets.
 *
 * <p>Threading: not thread-safe; owned by the session's receive thread. Buffer ownership:
 * the frame array handed to the listener is reused for every frame.
 */
final class InboundFrameAssembler {
    /** Where finished frames go; the session forwards to whatever listener is set now. */
    interface FrameSink {
        void onFrame(short[] frame);
    }

    private final short[] frame = new short[AudioChannel.FRAME_SAMPLES];
    private final FrameSink sink;
    private AudioCodec codec = AudioCodec.PCMU;
    private int fill;

    InboundFrameAssembler(FrameSink sink) {
        this.sink = sink;
    }

    void setCodec(AudioCodec codec) {
        this.codec = codec;
    }

    void onPayload(byte[] payload, int offset, int length) {
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, frame.length - fill);
            codec.decode(payload, offset + done, frame, fill, n);
            fill += n;
            done += n;
            if (fill == frame.length) {
                fill = 0;
                sink.onFrame(frame);
            }
        }
    }
}
