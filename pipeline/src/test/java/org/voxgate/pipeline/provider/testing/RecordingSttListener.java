package org.voxgate.pipeline.provider.testing;

import java.util.ArrayList;
import java.util.List;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.SttListener;

/**
 * Records speech-to-text events as strings: {@code speech}, {@code interim:<text>},
 * {@code final:<text>}, {@code end}, {@code usage:<seconds>}, {@code error}. Thread-safe.
 */
public final class RecordingSttListener implements SttListener {
    private final List<String> events = new ArrayList<>();
    private final List<ProviderException> errors = new ArrayList<>();
    private double usage;

    @Override
    public synchronized void onSpeechStarted() {
        events.add("speech");
    }

    @Override
    public synchronized void onTranscript(String text, boolean isFinal) {
        events.add((isFinal ? "final:" : "interim:") + text);
    }

    @Override
    public synchronized void onEndOfTurn() {
        events.add("end");
    }

    @Override
    public synchronized void onUsage(double audioSeconds) {
        usage += audioSeconds;
        events.add("usage:" + audioSeconds);
    }

    @Override
    public synchronized void onError(ProviderException error) {
        errors.add(error);
        events.add("error");
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    public synchronized List<ProviderException> errors() {
        return List.copyOf(errors);
    }

    public synchronized double usage() {
        return usage;
    }

    public synchronized long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    public synchronized boolean has(String prefix) {
        return events.stream().anyMatch(e -> e.startsWith(prefix));
    }
}
