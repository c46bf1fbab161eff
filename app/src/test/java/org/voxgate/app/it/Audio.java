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

    static void run(List<String> command) throws IOException, InterruptedException {
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

    /** {@code seconds} of a sine tone at {@code hz}, 8 kHz, at about -10 dBFS. */
    static short[] tone(double hz, double seconds) {
        short[] pcm = new short[(int) (seconds * 8000)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (10_000 * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return pcm;
    }

    /** Writes 8 kHz 16-bit mono PCM as a WAV file (what baresip's aufile source reads). */
    static void writeWav(Path file, short[] pcm) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * pcm.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * pcm.length);
        for (short s : pcm) {
            b.putShort(s);
        }
        Files.write(file, b.array());
    }

    /** The samples of a 16-bit mono WAV file (header skipped by finding the data chunk). */
    static short[] readWav(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(12);
        while (b.remaining() >= 8) {
            String id = new String(new byte[] {b.get(), b.get(), b.get(), b.get()});
            int size = b.getInt();
            if (id.equals("data")) {
                // A recorder killed mid-call leaves the size unset: take what is there.
                int bytes = size <= 0 || size > b.remaining() ? b.remaining() : size;
                short[] pcm = new short[bytes / 2];
                b.asShortBuffer().get(pcm);
                return pcm;
            }
            b.position(b.position() + size);
        }
        return new short[0];
    }

    /**
     * Share of the signal's power at {@code hz} (Goertzel over 20 ms frames, counting only
     * loud frames): near 1 for a clean tone at that frequency, near 0 for anything else.
     */
    static double toneShare(short[] pcm, double hz) {
        double atTone = 0;
        double total = 0;
        short[] frame = new short[160];
        for (int f = 0; f + 160 <= pcm.length; f += 160) {
            System.arraycopy(pcm, f, frame, 0, 160);
            if (rmsDbfs(frame) < -40) {
                continue;
            }
            double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
            double s1 = 0;
            double s2 = 0;
            double energy = 0;
            for (short x : frame) {
                double s0 = x + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
                energy += (double) x * x;
            }
            double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
            // A pure tone of energy E gives Goertzel power N*E/2 over N samples.
            atTone += 2 * power / 160;
            total += energy;
        }
        return total == 0 ? 0 : Math.min(1, atTone / total);
    }
}
