package org.voxgate.fakes.amd;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds the labelled set of outbound-call answers that the answering-machine detector is
 * measured on: people answering with a short greeting (different voices, speeds, some with a
 * second short phrase after a pause, some over background noise), answering machines playing
 * a 4-10 s greeting (en and es, with a beep of 400-1500 Hz and 200-800 ms after it, or none)
 * and one silent answer. Speech is rendered by espeak-ng and brought to 8 kHz by sox; the
 * pauses, beeps and noise are added here from a fixed seed, so a set is the same on every run.
 *
 * <p>Threading: {@link #build} is thread-safe (no shared state); it runs up to two espeak-ng
 * processes at a time. Ownership: the returned recordings are new arrays owned by the caller;
 * the temporary files live in the given directory and are deleted as soon as they are read.
 */
public final class AmdRecordings {
    private static final int RATE = 8000;
    private static final int FRAME = 160;
    /** A line's own hiss under everything, so that no answer is digital silence. */
    private static final double LINE_NOISE_RMS = 12;

    private AmdRecordings() {}

    /** One spoken phrase and the pause before it (ms). */
    private record Phrase(int pauseBeforeMillis, String text) {}

    /** How one recording is made. */
    private record Spec(String name, String label, String voice, int wpm, double gain, double noiseRms,
            List<Phrase> phrases, int beepGapMillis, int beepHz, int beepMillis, int tailMillis) {}

    private static Spec human(String name, String voice, int wpm, double gain, double noise, Phrase... phrases) {
        return new Spec(name, "HUMAN", voice, wpm, gain, noise, List.of(phrases), 0, 0, 0, 2500);
    }

    private static Spec machine(String name, String voice, int wpm, double gain, double noise, String text,
            int beepGapMillis, int beepHz, int beepMillis) {
        // 300-900 ms before the greeting starts, varied by name so the set is fixed
        int lead = 300 + name.length() % 7 * 100;
        return new Spec(name, "MACHINE", voice, wpm, gain, noise, List.of(new Phrase(lead, text)), beepGapMillis,
                beepHz, beepMillis, 3000);
    }

    private static Phrase say(int pauseBeforeMillis, String text) {
        return new Phrase(pauseBeforeMillis, text);
    }

    /** The set: 16 people, 13 machines (10 with a beep), one silent answer. */
    static List<Spec> specs() {
        return List.of(
                human("human-01-hello", "en-us", 160, 1.0, 0, say(400, "Hello?")),
                human("human-02-hello-f", "en-us+f3", 140, 0.8, 0, say(800, "Hello.")),
                human("human-03-yes-hello", "en-gb", 170, 1.0, 0, say(300, "Yes, hello?")),
                human("human-04-anna", "en-us+f2", 175, 0.9, 0, say(500, "Hi, this is Anna.")),
                human("human-05-second-phrase", "en-us+m3", 150, 1.0, 0, say(600, "Hello?"),
                        say(1300, "Who is this?")),
                human("human-06-yeah-noise", "en-us+f4", 150, 0.9, 300, say(600, "Yeah?")),
                human("human-07-mark", "en-gb+m2", 180, 1.0, 0, say(350, "Mark speaking.")),
                human("human-08-hola", "es", 150, 1.0, 0, say(400, "¿Hola?")),
                human("human-09-diga-noise", "es+f3", 150, 0.8, 250, say(700, "¿Diga?")),
                human("human-10-slow-noise", "en-us", 110, 1.0, 450, say(900, "Hello?")),
                human("human-11-morning-then-hello", "en-us+f5", 160, 0.9, 0, say(500, "Good morning."),
                        say(1100, "Hello?")),
                human("human-12-yes", "en-us+m1", 200, 1.0, 0, say(250, "Yes?")),
                human("human-13-digame", "es+m3", 160, 1.0, 150, say(500, "Sí, dígame.")),
                human("human-14-whos-calling-noise", "en-us+f1", 190, 0.7, 200, say(450, "Hello, who's calling?")),
                // speaking while still lifting the phone: the greeting starts with the answer
                human("human-15-at-once", "en-gb+f3", 170, 1.0, 0, say(0, "Hello?")),
                human("human-16-at-once-noise", "en-us+m2", 160, 1.0, 300, say(20, "Yes, hi?")),
                machine("machine-01-john", "en-us", 170, 1.0, 0,
                        "Hi, you've reached John Smith. I can't take your call right now. Please leave a message"
                                + " after the tone and I'll get back to you.", 500, 1000, 500),
                machine("machine-02-sarah", "en-us+f3", 165, 0.9, 0,
                        "Hello, this is Sarah. I'm not available at the moment. Leave your name and number and"
                                + " I will call you back.", 600, 440, 300),
                machine("machine-03-carrier", "en-gb", 160, 1.0, 0,
                        "The person you are calling is not available. Please record your message after the"
                                + " tone. When you are finished, hang up.", 400, 1400, 200),
                machine("machine-04-dental-nobeep", "en-us+f2", 165, 0.9, 0,
                        "Thank you for calling Acme Dental. Our office is currently closed. Our hours are"
                                + " Monday to Friday, nine to five.", 0, 0, 0),
                machine("machine-05-peter-slow", "en-us+m3", 130, 1.0, 0,
                        "You have reached the voicemail of Peter Brown. Please leave a message.", 700, 850, 800),
                machine("machine-06-carmen-es", "es", 160, 1.0, 0,
                        "Hola, has llamado a Carmen. No puedo atender tu llamada en este momento. Deja tu mensaje"
                                + " después del tono.", 500, 600, 400),
                machine("machine-07-operador-es", "es+m3", 150, 0.9, 0,
                        "El número que usted marcó no está disponible. Por favor, deje su mensaje después de la"
                                + " señal.", 450, 1200, 250),
                machine("machine-08-mike-fast-noise", "en-us+m1", 200, 1.0, 200,
                        "Hey, it's Mike, sorry I missed you. Leave a message and I'll call you back as soon as I"
                                + " can. Thanks!", 600, 500, 600),
                machine("machine-09-miller-nobeep", "en-us+f4", 150, 0.8, 0,
                        "Hello. You have reached the Miller family. We are not home right now, so please call"
                                + " again later.", 0, 0, 0),
                machine("machine-10-number", "en-us", 160, 1.0, 0,
                        "Please leave your message for five five five, zero one two three, after the tone.",
                        550, 700, 350),
                machine("machine-11-doctor-noise", "en-gb+f2", 165, 0.9, 300,
                        "Hi, this is doctor Lee's office. We are with a patient. Please leave a message and we"
                                + " will return your call.", 500, 1500, 200),
                machine("machine-12-gracias-nobeep", "es+f2", 165, 1.0, 0,
                        "Gracias por llamar. En este momento no podemos atenderle. Por favor, deje su nombre y"
                                + " teléfono y le devolveremos la llamada.", 0, 0, 0),
                machine("machine-13-emma-fast", "en-us+f5", 210, 0.9, 0,
                        "Hi! You've reached Emma's phone. I'm probably busy, so leave a message and I'll text"
                                + " you back.", 650, 950, 450),
                new Spec("silent-01", "UNSURE", "", 0, 0, 0, List.of(), 0, 0, 0, 6000));
    }

    /**
     * Renders the whole set into memory, using {@code workDir} for espeak-ng's and sox's files.
     *
     * @throws IOException if espeak-ng or sox is missing or fails
     */
    public static List<AmdRecording> build(Path workDir) throws IOException {
        List<Spec> specs = specs();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<AmdRecording>> futures = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                Spec spec = specs.get(i);
                long seed = 7919L * (i + 1);
                futures.add(pool.submit(() -> render(spec, seed, workDir)));
            }
            List<AmdRecording> out = new ArrayList<>();
            for (Future<AmdRecording> future : futures) {
                out.add(future.get(120, TimeUnit.SECONDS));
            }
            return out;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering recordings", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("espeak-ng or sox took too long", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static AmdRecording render(Spec spec, long seed, Path workDir) throws IOException {
        Random random = new Random(seed);
        Track track = new Track();
        int speechEnd = -1;
        for (Phrase phrase : spec.phrases()) {
            track.silence(phrase.pauseBeforeMillis());
            short[] speech = trim(speak(spec, phrase.text(), workDir));
            track.add(speech, spec.gain());
            speechEnd = track.millis();
        }
        int beepStart = -1;
        int beepEnd = -1;
        if (spec.beepHz() > 0) {
            track.silence(spec.beepGapMillis());
            beepStart = track.millis();
            track.tone(spec.beepHz(), spec.beepMillis(), 8000);
            beepEnd = track.millis();
        }
        track.silence(spec.tailMillis());
        short[] samples = track.toFrames();
        addNoise(samples, Math.max(LINE_NOISE_RMS, spec.noiseRms()), random);
        return new AmdRecording(spec.name(), spec.label(), samples, speechEnd, beepStart, beepEnd, spec.beepHz());
    }

    /** espeak-ng to a WAV, sox to raw 8 kHz signed 16-bit little-endian mono. */
    private static short[] speak(Spec spec, String text, Path workDir) throws IOException {
        Path wav = Files.createTempFile(workDir, "amd-", ".wav");
        Path raw = Files.createTempFile(workDir, "amd-", ".raw");
        try {
            // The text goes through stdin so nothing in it can be taken for an option.
            run(List.of("espeak-ng", "-v", spec.voice(), "-s", Integer.toString(spec.wpm()), "-w", wav.toString(),
                    "--stdin"), text);
            // -D: no dither, whose noise sox seeds at random, so every run renders the same samples
            run(List.of("sox", "-D", wav.toString(), "-t", "raw", "-r", "8000", "-e", "signed-integer", "-b", "16", "-c",
                    "1", "-L", raw.toString()), null);
            byte[] bytes = Files.readAllBytes(raw);
            short[] out = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(raw);
        }
    }

    private static void run(List<String> command, String stdin) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException(command.getFirst() + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command.getFirst() + " exited with " + process.exitValue() + ": " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Cuts espeak-ng's own leading and trailing silence, so the spec's pauses are the real ones. */
    private static short[] trim(short[] speech) {
        int first = 0;
        while (first < speech.length && Math.abs(speech[first]) < 200) {
            first++;
        }
        int last = speech.length - 1;
        while (last > first && Math.abs(speech[last]) < 200) {
            last--;
        }
        return java.util.Arrays.copyOfRange(speech, first, last + 1);
    }

    /** White Gaussian noise at {@code rms}, added with clipping. */
    private static void addNoise(short[] samples, double rms, Random random) {
        for (int i = 0; i < samples.length; i++) {
            samples[i] = clip(samples[i] + random.nextGaussian() * rms);
        }
    }

    private static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    /** A growing sample buffer. */
    private static final class Track {
        private short[] data = new short[RATE * 12];
        private int length;

        int millis() {
            return length / 8;
        }

        void silence(int millis) {
            ensure(millis * 8);
            length += millis * 8;
        }

        void add(short[] speech, double gain) {
            ensure(speech.length);
            for (short s : speech) {
                data[length++] = clip(s * gain);
            }
        }

        /** A sine at {@code peak} with 5 ms raised-cosine edges, as a real beep has no click. */
        void tone(int hz, int millis, double peak) {
            int n = millis * 8;
            int ramp = 40;
            ensure(n);
            for (int i = 0; i < n; i++) {
                double envelope = 1;
                if (i < ramp) {
                    envelope = 0.5 - 0.5 * Math.cos(Math.PI * i / ramp);
                } else if (i >= n - ramp) {
                    envelope = 0.5 - 0.5 * Math.cos(Math.PI * (n - 1 - i) / ramp);
                }
                data[length++] = clip(peak * envelope * Math.sin(2 * Math.PI * hz * i / RATE));
            }
        }

        short[] toFrames() {
            int frames = (length + FRAME - 1) / FRAME;
            return java.util.Arrays.copyOf(data, frames * FRAME);
        }

        private void ensure(int more) {
            if (data.length < length + more) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, length + more));
            }
        }
    }
}
