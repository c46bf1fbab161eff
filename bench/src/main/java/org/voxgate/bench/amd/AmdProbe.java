package org.voxgate.bench.amd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.voxgate.fakes.amd.AmdRecording;
import org.voxgate.fakes.amd.AmdRecordings;
import org.voxgate.pipeline.amd.AmdConfig;
import org.voxgate.pipeline.amd.AmdDecision;
import org.voxgate.pipeline.amd.AnsweringMachineDetector;
import org.voxgate.pipeline.amd.MessageCue;
import org.voxgate.pipeline.turn.WebRtcVoiceDetector;

/**
 * Answering-machine detection on the labelled set of answers ({@link AmdRecordings}: espeak-ng
 * people and machines, beeps, noise, a silent answer), rendered into a temporary directory:
 * the frame detector with the default {@link AmdConfig} and the WebRTC VAD at mode 3, then the
 * {@link MessageCue} on the machines. Decision time is audio time from the answer (frames).
 *
 * <pre>java -cp ... org.voxgate.bench.amd.AmdProbe</pre>
 *
 * One line per recording goes to stderr; the last stdout line is the JSON object of
 * scripts/bench: {@code {"amd_decision_p50_ms", "amd_accuracy", "recordings"}}.
 *
 * <p>Threading: single-threaded, apart from the generator's espeak-ng processes.
 */
public final class AmdProbe {
    private static final int FRAME = 160;
    private static final int VAD_MODE = 3;

    private AmdProbe() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("voxgate-amd-");
        List<AmdRecording> recordings;
        try {
            recordings = AmdRecordings.build(dir);
        } finally {
            deleteTree(dir);
        }
        int right = 0;
        int beepCues = 0;
        int beeps = 0;
        List<Integer> times = new ArrayList<>();
        short[] frame = new short[FRAME];
        for (AmdRecording recording : recordings) {
            AmdDecision decision = null;
            MessageCue.Start cue = null;
            try (WebRtcVoiceDetector vad = new WebRtcVoiceDetector(VAD_MODE)) {
                AnsweringMachineDetector detector = new AnsweringMachineDetector(AmdConfig.DEFAULTS, vad);
                short[] samples = recording.samples();
                int at = 0;
                for (; at + FRAME <= samples.length && decision == null; at += FRAME) {
                    System.arraycopy(samples, at, frame, 0, FRAME);
                    decision = detector.onFrame(frame);
                }
                if (decision != null && decision.result().name().equals("MACHINE")) {
                    MessageCue messageCue = detector.messageCue();
                    for (; at + FRAME <= samples.length && cue == null; at += FRAME) {
                        System.arraycopy(samples, at, frame, 0, FRAME);
                        cue = messageCue.onFrame(frame);
                    }
                }
            }
            boolean ok = decision != null && decision.result().name().equals(recording.label());
            right += ok ? 1 : 0;
            times.add(decision == null ? recording.millis() : decision.afterMillis());
            if (recording.hasBeep()) {
                beeps++;
                if (cue != null && cue.reason().equals("beep_end")
                        && Math.abs(cue.afterMillis() - recording.beepEndMillis()) <= 40) {
                    beepCues++;
                }
            }
            System.err.printf(Locale.ROOT, "amd: %-30s %-7s -> %-7s %-28s %5d ms  cue %s%s%n", recording.name(),
                    recording.label(), decision == null ? "none" : decision.result(),
                    decision == null ? "-" : decision.reason(), decision == null ? -1 : decision.afterMillis(),
                    cue == null ? "-" : cue.reason() + " at " + cue.afterMillis() + " ms",
                    recording.hasBeep() ? " (beep " + recording.beepStartMillis() + "-" + recording.beepEndMillis()
                            + " ms, " + recording.beepHz() + " Hz)" : "");
        }
        times.sort(Comparator.naturalOrder());
        // nearest-rank median
        int p50 = times.get((int) Math.ceil(0.5 * times.size()) - 1);
        double accuracy = right / (double) recordings.size();
        System.err.printf(Locale.ROOT, "amd: %d/%d right, beep cues within 40 ms of the beep's end: %d/%d%n", right,
                recordings.size(), beepCues, beeps);
        System.out.printf(Locale.ROOT, "{\"amd_decision_p50_ms\": %d, \"amd_accuracy\": %.2f, \"recordings\": %d}%n",
                p50, accuracy, recordings.size());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
