package org.voxgate.pipeline.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.voxgate.media.audio.VoiceActivityDetector;
import org.voxgate.pipeline.speech.PocketsphinxModel;
import org.voxgate.pipeline.speech.SpeechException;

/**
 * Finds out, at start-up, which offline speech engines this machine has, and names the
 * Debian package for each one that is missing.
 *
 * <p>Threading: {@link #run} is a blocking check (it starts espeak-ng once and loads native
 * libraries); call it once at start-up from any thread.
 */
public final class OfflineSpeechCheck {
    /**
     * What works. Threading: immutable.
     *
     * @param canSpeak espeak-ng runs
     * @param canRecognize pocketsphinx, its model and the WebRTC VAD all load
     * @param problems one line per missing piece, naming the package to install
     */
    public record Report(boolean canSpeak, boolean canRecognize, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        /** One line for the start-up log. */
        public String summary() {
            String mode = !canSpeak ? "receptionist unavailable (cannot speak)"
                    : canRecognize ? "receptionist speaks and listens" : "receptionist speaks, DTMF input only";
            return problems.isEmpty() ? mode : mode + "; " + String.join("; ", problems);
        }
    }

    private OfflineSpeechCheck() {}

    public static Report run(OfflineBotConfig config) {
        List<String> problems = new ArrayList<>();
        boolean canSpeak = espeakRuns(config.espeakBinary(), problems);
        boolean recognizer = true;
        recognizer &= exists(config.pocketsphinxLibrary(), "pocketsphinx library", "libpocketsphinx3 (or pocketsphinx)", problems);
        recognizer &= exists(config.sphinxbaseLibrary(), "sphinxbase library", "libsphinxbase3", problems);
        recognizer &= exists(config.acousticModel(), "pocketsphinx acoustic model", "pocketsphinx-en-us", problems);
        recognizer &= exists(config.dictionary(), "pocketsphinx dictionary", "pocketsphinx-en-us", problems);
        if (recognizer) {
            try {
                PocketsphinxModel.load(config.pocketsphinxLibrary(), config.sphinxbaseLibrary(),
                        config.acousticModel(), config.dictionary());
            } catch (SpeechException e) {
                problems.add(e.getMessage());
                recognizer = false;
            }
        }
        boolean vad = vadLoads(problems);
        return new Report(canSpeak, recognizer && vad, problems);
    }

    private static boolean espeakRuns(Path binary, List<String> problems) {
        if (!Files.isExecutable(binary)) {
            problems.add("espeak-ng missing at " + binary + " (apt-get install espeak-ng)");
            return false;
        }
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                problems.add("espeak-ng at " + binary + " does not answer --version");
                return false;
            }
            if (process.exitValue() != 0) {
                problems.add("espeak-ng at " + binary + " fails (exit " + process.exitValue()
                        + "; reinstall: apt-get install --reinstall espeak-ng)");
                return false;
            }
            return true;
        } catch (IOException e) {
            problems.add("espeak-ng at " + binary + " cannot run: " + e.getMessage() + " (apt-get install espeak-ng)");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while checking espeak-ng");
            return false;
        }
    }

    private static boolean exists(Path path, String what, String debianPackage, List<String> problems) {
        if (Files.exists(path)) {
            return true;
        }
        problems.add(what + " missing at " + path + " (apt-get install " + debianPackage + ")");
        return false;
    }

    private static boolean vadLoads(List<String> problems) {
        try (VoiceActivityDetector vad = new VoiceActivityDetector(0, 8000)) {
            return vad.sampleRate() == 8000;
        } catch (IllegalStateException e) {
            problems.add(e.getMessage() + " (needs Linux x86-64/arm64, macOS or Windows; speech input disabled)");
            return false;
        }
    }
}
