package org.voxgate.pipeline.provider.local;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;
import org.voxgate.pipeline.speech.SpeechSynthesizer;

/**
 * One call's local synthesis. Work runs in order on the stream's virtual thread; a
 * {@link #clear} bumps an epoch so rendering queued or running for earlier text stops
 * delivering (between 20 ms pieces) and never reaches the listener.
 *
 * <p>Threading: any thread, nothing blocks. Listener calls come on the stream's thread, one at
 * a time, except {@code onUsage}, which comes from {@link #speak}.
 */
final class LocalTtsStream implements TtsStream {
    private final SpeechSynthesizer synthesizer;
    private final TtsListener listener;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("local-tts").factory());
    private final AtomicInteger epoch = new AtomicInteger();
    private volatile boolean failed;

    LocalTtsStream(SpeechSynthesizer synthesizer, TtsListener listener) {
        this.synthesizer = synthesizer;
        this.listener = listener;
    }

    @Override
    public void speak(String text) {
        if (text.isBlank()) {
            return;
        }
        int mine = epoch.get();
        if (submit(() -> render(text, mine))) {
            listener.onUsage(text.length());
        }
    }

    private void render(String text, int mine) {
        if (failed || epoch.get() != mine) {
            return;
        }
        short[] pcm;
        try {
            pcm = synthesizer.synthesize(text.strip());
        } catch (RuntimeException e) {
            failed = true;
            listener.onError(new ProviderException("local", "espeak-ng failed: " + e.getMessage(), false, e));
            return;
        }
        for (int at = 0; at < pcm.length && epoch.get() == mine; at += AudioChannel.FRAME_SAMPLES) {
            listener.onAudio(pcm, at, Math.min(AudioChannel.FRAME_SAMPLES, pcm.length - at));
        }
    }

    @Override
    public void flush() {
        int mine = epoch.get();
        submit(() -> {
            if (!failed && epoch.get() == mine) {
                listener.onFlushed();
            }
        });
    }

    @Override
    public void clear() {
        epoch.incrementAndGet();
    }

    @Override
    public void close() {
        worker.shutdown();
    }

    private boolean submit(Runnable task) {
        try {
            worker.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false; // closed
        }
    }
}
