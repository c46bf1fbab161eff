package org.voxgate.media;

import java.util.Arrays;
import org.voxgate.media.codec.AudioCodec;
import org.voxgate.media.codec.AudioCodecs;
import org.voxgate.media.codec.AudioDecoder;
import org.voxgate.media.codec.ComfortNoise;
import org.voxgate.media.codec.G711Concealer;

/**
 * Turns what the jitter buffer plays out into 20 ms frames of 8 kHz PCM for the
 * {@link InboundAudioListener}: decodes payloads with the session's {@link AudioDecoder} (which
 * resamples wider codecs down to 8 kHz), conceals missing audio, fills comfort noise and
 * silence, and hands out exactly one 160-sample frame per {@link #emitFrame()}, whatever the
 * packet length (the rest of a longer packet waits for the next frame).
 *
 * <p>Concealment: a decoder with its own ({@link AudioDecoder#concealsItself()}, Opus) stands in
 * for the lost audio from its state; for the others (G.711, G.722) the {@link G711Concealer}
 * repeats pitch periods of the decoded PCM, which works on any 8 kHz speech.
 *
 * <p>Threading: not thread-safe; owned by the session's receive thread. Buffer ownership:
 * the frame array handed to the listener is reused for every frame. The decoder set here is
 * owned by this assembler from then on: a replaced decoder is closed.
 */
final class InboundFrameAssembler {
    /** Where finished frames go; the session forwards to whatever listener is set now. */
    interface FrameSink {
        void onFrame(short[] frame);
    }

    private final short[] frame = new short[AudioChannel.FRAME_SAMPLES];
    private final short[] decoded = new short[AudioDecoder.MAX_DECODED_SAMPLES];
    private final FrameSink sink;
    private final G711Concealer concealer = new G711Concealer();
    private final ComfortNoise comfortNoise = new ComfortNoise();
    /** Decoded audio not yet handed out; grows once if a packet longer than 100 ms comes. */
    private short[] pcm = new short[AudioChannel.FRAME_SAMPLES + AudioDecoder.MAX_DECODED_SAMPLES];
    private AudioDecoder decoder = AudioCodecs.decoder(Codec.PCMU, CodecOptions.NONE);
    private int fill;

    InboundFrameAssembler(FrameSink sink) {
        this.sink = sink;
    }

    /** Uses a stateless G.711 decoder (tests, and sessions before their decoder is made). */
    void setCodec(AudioCodec codec) {
        setDecoder(AudioCodecs.decoder(codec == AudioCodec.PCMA ? Codec.PCMA : Codec.PCMU, CodecOptions.NONE));
    }

    /** Takes ownership of {@code next}; the previous decoder is closed. */
    void setDecoder(AudioDecoder next) {
        AudioDecoder previous = decoder;
        decoder = next;
        if (previous != null && previous != next) {
            previous.close();
        }
    }

    /** Closes the decoder (session close); later payloads decode to nothing. */
    void close() {
        decoder.close();
    }

    /** Samples decoded but not yet handed out. */
    int buffered() {
        return fill;
    }

    /** Decodes one whole payload and keeps it for the next frames. */
    void onPayload(byte[] payload, int offset, int length) {
        onPayload(payload, offset, length, 0);
    }

    /**
     * Decodes one whole payload (stateful decoders must see every packet) and keeps all but its
     * first {@code skipSamples}, which were already concealed.
     */
    void onPayload(byte[] payload, int offset, int length, int skipSamples) {
        int n = decoder.decode(payload, offset, length, decoded, 0);
        int skip = Math.min(skipSamples, n);
        append(decoded, skip, n - skip);
        concealer.good(pcm, fill - (n - skip), n - skip);
    }

    /** Adds {@code samples} of concealment for lost audio. */
    void conceal(int samples) {
        conceal(samples, null, 0);
    }

    /**
     * Adds {@code samples} of concealment for lost audio.
     *
     * @param next the payload of the packet after the gap when it is already here (a decoder
     *     with in-band FEC rebuilds the lost audio from it), else {@code null}
     */
    void conceal(int samples, byte[] next, int nextLength) {
        ensureRoom(samples);
        if (!decoder.concealsItself()) {
            concealer.conceal(pcm, fill, samples);
            fill += samples;
            return;
        }
        int done = 0;
        while (done < samples) {
            // FEC rebuilds only the packet right before next: the first stand-in uses it
            int n = done == 0 && next != null ? decoder.conceal(next, 0, nextLength, decoded, 0)
                    : decoder.conceal(null, 0, 0, decoded, 0);
            if (n <= 0) {
                break;
            }
            int take = Math.min(n, samples - done);
            System.arraycopy(decoded, 0, pcm, fill + done, take);
            done += take;
        }
        Arrays.fill(pcm, fill + done, fill + samples, (short) 0);
        fill += samples;
    }

    /** Adds {@code samples} of comfort noise at {@code levelDbov} (RFC 3389). */
    void comfortNoise(int levelDbov, int samples) {
        ensureRoom(samples);
        comfortNoise.fill(pcm, fill, samples, levelDbov);
        concealer.good(pcm, fill, samples);
        fill += samples;
    }

    /** Adds {@code samples} of silence (nothing received yet, or the sender paused). */
    void silence(int samples) {
        ensureRoom(samples);
        Arrays.fill(pcm, fill, fill + samples, (short) 0);
        concealer.good(pcm, fill, samples);
        fill += samples;
    }

    /** Hands one frame to the sink, padding with silence if less than a frame is buffered. */
    void emitFrame() {
        int n = Math.min(fill, frame.length);
        System.arraycopy(pcm, 0, frame, 0, n);
        Arrays.fill(frame, n, frame.length, (short) 0);
        System.arraycopy(pcm, n, pcm, 0, fill - n);
        fill -= n;
        sink.onFrame(frame);
    }

    /** Drops buffered audio and concealment history (new codec or stream). */
    void reset() {
        fill = 0;
        concealer.reset();
    }

    private void append(short[] src, int from, int samples) {
        ensureRoom(samples);
        System.arraycopy(src, from, pcm, fill, samples);
        fill += samples;
    }

    private void ensureRoom(int samples) {
        if (fill + samples > pcm.length) {
            pcm = Arrays.copyOf(pcm, fill + samples + AudioChannel.FRAME_SAMPLES);
        }
    }
}
