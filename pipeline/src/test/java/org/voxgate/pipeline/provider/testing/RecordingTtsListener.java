package org.voxgate.pipeline.provider.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TtsListener;

/** Counts text-to-speech output: samples, flushes, characters, errors. Thread-safe. */
public final class RecordingTtsListener implements TtsListener {
    private final List<ProviderException> errors = new ArrayList<>();
    private long samples;
    private double energy;
    private int flushed;
    private long characters;
    private int audioCalls;
    private volatile Consumer<Integer> onAudioHook = n -> { };

    /** Runs {@code hook} (with the number of audio calls so far) inside each onAudio, on the client's thread. */
    public void onEachAudio(Consumer<Integer> hook) {
        this.onAudioHook = hook;
    }

    @Override
    public void onAudio(short[] pcm, int offset, int length) {
        int calls;
        synchronized (this) {
            samples += length;
            for (int i = offset; i < offset + length; i++) {
                energy += (double) pcm[i] * pcm[i];
            }
            calls = ++audioCalls;
        }
        onAudioHook.accept(calls);
    }

    @Override
    public synchronized void onFlushed() {
        flushed++;
    }

    @Override
    public synchronized void onUsage(long chars) {
        characters += chars;
    }

    @Override
    public synchronized void onError(ProviderException error) {
        errors.add(error);
    }

    public synchronized long samples() {
        return samples;
    }

    /** Root-mean-square level of everything received. */
    public synchronized double rms() {
        return samples == 0 ? 0 : Math.sqrt(energy / samples);
    }

    public synchronized int flushed() {
        return flushed;
    }

    public synchronized long characters() {
        return characters;
    }

    public synchronized List<ProviderException> errors() {
        return List.copyOf(errors);
    }
}
