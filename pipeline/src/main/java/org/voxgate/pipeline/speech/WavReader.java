package org.voxgate.pipeline.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Parses a RIFF/WAVE file holding 16-bit PCM, mono or interleaved (first channel kept). */
final class WavReader {
    record Pcm(int sampleRate, short[] samples) {}

    private WavReader() {}

    static Pcm read(byte[] file) {
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || buf.getInt(0) != 0x46464952 /* RIFF */ || buf.getInt(8) != 0x45564157 /* WAVE */) {
            throw new SpeechException("not a RIFF/WAVE file (" + file.length + " bytes)");
        }
        int rate = -1;
        int channels = 0;
        int position = 12;
        while (position + 8 <= file.length) {
            int id = buf.getInt(position);
            long declared = Integer.toUnsignedLong(buf.getInt(position + 4));
            int body = position + 8;
            if (id == 0x20746d66 /* "fmt " */) {
                int format = buf.getShort(body) & 0xffff;
                channels = buf.getShort(body + 2) & 0xffff;
                rate = buf.getInt(body + 4);
                int bits = buf.getShort(body + 14) & 0xffff;
                if (format != 1 || bits != 16 || channels < 1) {
                    throw new SpeechException("unsupported WAV format " + format + ", " + bits + " bits, "
                            + channels + " channels (need 16-bit PCM)");
                }
            } else if (id == 0x61746164 /* "data" */) {
                if (rate < 0) {
                    throw new SpeechException("WAV data chunk before fmt chunk");
                }
                // Streamed WAVs (espeak --stdout) declare a huge size: trust the file length.
                int bytes = (int) Math.min(declared, file.length - body);
                int frames = bytes / (2 * channels);
                short[] samples = new short[frames];
                for (int i = 0; i < frames; i++) {
                    samples[i] = buf.getShort(body + i * 2 * channels);
                }
                return new Pcm(rate, samples);
            }
            position = body + (int) Math.min(declared + (declared & 1), file.length);
        }
        throw new SpeechException("WAV file has no data chunk");
    }
}
