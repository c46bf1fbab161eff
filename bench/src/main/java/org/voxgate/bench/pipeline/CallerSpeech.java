package org.voxgate.bench.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.voxgate.media.AudioChannel;

/**
 * The caller's words: a sentence spoken by espeak-ng, converted by sox to 8 kHz 16-bit mono,
 * trimmed to whole 20 ms frames from its first to its last frame louder than {@link #SPEECH_RMS}
 * (the fake STT's own speech threshold), so the clip starts and ends on speech and "end of
 * caller speech" is the send time of its last packet.
 *
 * <p>Stateless; thread-safe.
 */
final class CallerSpeech {
    static final double SPEECH_RMS = 500;
    private static final int SAMPLES = AudioChannel.FRAME_SAMPLES;

    private CallerSpeech() {}

    /** The trimmed 8 kHz PCM of {@code text}. */
    static short[] render(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c",
                "espeak-ng -v en-us -s 160 --stdout \"$1\" | sox -t wav - -r 8000 -c 1 -b 16 -e signed-integer -t raw - norm -3",
                "speak", text).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(raw);
        }
        if (p.waitFor() != 0 || raw.size() < SAMPLES * 2 * 10) {
            throw new IOException("espeak-ng | sox failed for '" + text + "' (are espeak-ng and sox installed?)");
        }
        short[] pcm = new short[raw.size() / 2];
        ByteBuffer.wrap(raw.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        int frames = pcm.length / SAMPLES;
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (rms(pcm, f * SAMPLES) > SPEECH_RMS) {
                first = first < 0 ? f : first;
                last = f;
            }
        }
        if (first < 0) {
            throw new IOException("espeak-ng rendered no audible speech for '" + text + "'");
        }
        int quiet = 0;
        for (int f = first; f <= last; f++) {
            quiet = rms(pcm, f * SAMPLES) > SPEECH_RMS ? 0 : quiet + 1;
            if (quiet >= 10) {
                // the fake STT would end the utterance there (300 ms of quiet frames ends it)
                throw new IOException("'" + text + "' has a pause of 200 ms or more: choose other words");
            }
        }
        return java.util.Arrays.copyOfRange(pcm, first * SAMPLES, (last + 1) * SAMPLES);
    }

    private static double rms(short[] pcm, int offset) {
        double sum = 0;
        for (int i = offset; i < offset + SAMPLES; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / SAMPLES);
    }
}
