package org.voxgate.pipeline.speech;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.voxgate.media.audio.Resampler;

/**
 * Speech synthesis with the espeak-ng command-line program, resampled to 8 kHz through a
 * proper low-pass ({@link Resampler}). Rendered phrases are kept in a small LRU cache, since a
 * dialogue repeats its prompts on every call.
 *
 * <p>Threading: thread-safe and meant to be shared; each render runs its own espeak-ng
 * process on the calling thread, bounded by the configured timeout (then killed). The cache
 * is guarded by this object's lock, which is never held while a process runs.
 */
public final class EspeakSynthesizer implements SpeechSynthesizer {
    private static final int OUTPUT_RATE = 8000;

    private final Path binary;
    private final String voice;
    private final int wordsPerMinute;
    private final Duration timeout;
    private final Map<String, short[]> cache;

    /**
     * @param binary the espeak-ng executable, for example {@code /usr/bin/espeak-ng}
     * @param voice an espeak-ng voice, for example {@code en-us}
     * @param wordsPerMinute speaking rate (espeak-ng {@code -s}), 80-450
     * @param timeout longest a single render may take before the process is killed
     * @param cacheEntries how many rendered texts to keep (0 disables the cache)
     */
    public EspeakSynthesizer(Path binary, String voice, int wordsPerMinute, Duration timeout, int cacheEntries) {
        if (wordsPerMinute < 80 || wordsPerMinute > 450) {
            throw new IllegalArgumentException("espeak-ng speech rate must be 80-450 wpm, was " + wordsPerMinute);
        }
        if (voice.isBlank() || voice.startsWith("-")) {
            throw new IllegalArgumentException("bad espeak-ng voice '" + voice + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("synthesis timeout must be positive");
        }
        this.binary = binary;
        this.voice = voice;
        this.wordsPerMinute = wordsPerMinute;
        this.timeout = timeout;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, short[]> eldest) {
                return size() > cacheEntries;
            }
        };
    }

    @Override
    public short[] synthesize(String text) {
        synchronized (this) {
            short[] cached = cache.get(text);
            if (cached != null) {
                return cached.clone();
            }
        }
        short[] rendered = render(text);
        synchronized (this) {
            cache.put(text, rendered);
        }
        return rendered.clone();
    }

    private short[] render(String text) {
        Path wav = null;
        Process process = null;
        try {
            wav = Files.createTempFile("voxgate-tts-", ".wav");
            // Text goes through stdin so that nothing in it can be taken for an option.
            process = startProcess(List.of(binary.toString(), "-v", voice, "-s",
                    Integer.toString(wordsPerMinute), "-w", wav.toString(), "--stdin"));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SpeechException("espeak-ng did not finish within " + timeout.toMillis() + " ms");
            }
            if (process.exitValue() != 0) {
                throw new SpeechException("espeak-ng exited with status " + process.exitValue());
            }
            WavReader.Pcm pcm = WavReader.read(Files.readAllBytes(wav));
            return toTelephoneRate(pcm);
        } catch (IOException e) {
            throw new SpeechException("espeak-ng failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted while espeak-ng was speaking", e);
        } finally {
            if (process != null && process.isAlive()) {
                // Timed out, interrupted or failed half way: never leave the process behind.
                process.destroyForcibly();
            }
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless and the OS cleans /tmp
                }
            }
        }
    }

    private Process startProcess(List<String> command) {
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new SpeechException("cannot run " + binary + " (apt-get install espeak-ng): " + e.getMessage(), e);
        }
    }

    private static short[] toTelephoneRate(WavReader.Pcm pcm) {
        if (pcm.sampleRate() == OUTPUT_RATE) {
            return pcm.samples();
        }
        Resampler resampler = new Resampler(pcm.sampleRate(), OUTPUT_RATE);
        int delay = resampler.delayInputSamples();
        // Pad the input with the filter's delay worth of silence so the tail is not cut off.
        short[] input = java.util.Arrays.copyOf(pcm.samples(), pcm.samples().length + delay);
        short[] out = new short[resampler.maxOutputLength(input.length)];
        int n = resampler.process(input, 0, input.length, out, 0);
        int skip = (int) ((long) delay * OUTPUT_RATE / pcm.sampleRate());
        return java.util.Arrays.copyOfRange(out, Math.min(skip, n), n);
    }
}
