package org.voxgate.app.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test audio: speech from espeak-ng at 8 kHz (via sox), and measurements of what we heard. */
final class Audio {
    private Audio() {}

    /** Speaks {@code text} with espeak-ng and returns it as 8 kHz 16-bit mono PCM. */
    static short[] speak(String text, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path wav = Files.createTempFile(workDir, "speech", ".wav");
        Path raw = Files.createTempFile(workDir, "speech", ".raw");
        run(List.of("espeak-ng", "-v", "en-us", "-s", "140", "-w", wav.toString(), text));
        run(List.of("sox", wav.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
                "-t", "raw", raw.toString()));
        byte[] bytes = Files.readAllBytes(raw);
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed: " + out);
        }
    }

    /** RMS level of a stretch of PCM in dBFS (-inf for digital silence). */
    static double rmsDbfs(short[] pcm) {
        if (pcm.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return 20 * Math.log10(Math.sqrt(sum / pcm.length) / 32768.0);
    }

    /**
     * Fraction of 20 ms frames louder than {@code thresholdDbfs}: speech has many loud frames
     * and pauses; silence or a click has almost none.
     */
    static double activeFraction(short[] pcm, double thresholdDbfs) {
        int frames = pcm.length / 160;
        if (frames == 0) {
            return 0;
        }
        int active = 0;
        short[] frame = new short[160];
        for (int f = 0; f < frames; f++) {
            System.arraycopy(pcm, f * 160, frame, 0, 160);
            if (rmsDbfs(frame) > thresholdDbfs) {
                active++;
            }
        }
        return (double) active / frames;
    }

    /** Zero-crossing rate per sample: voiced speech sits between a pure low tone and noise. */
    static double zeroCrossingRate(short[] pcm) {
        int crossings = 0;
        for (int i = 1; i < pcm.length; i++) {
            if ((pcm[i - 1] >= 0) != (pcm[i] >= 0)) {
                crossings++;
            }
        }
        return pcm.length < 2 ? 0 : (double) crossings / (pcm.length - 1);
    }
}
