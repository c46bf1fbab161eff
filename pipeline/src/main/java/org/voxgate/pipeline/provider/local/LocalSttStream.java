package org.voxgate.pipeline.provider.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.audio.VoiceActivityDetector;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.speech.SpeechRecognizer;

/**
 * One call's local recognition. Audio is cut into utterances on the caller's thread (the VAD
 * is cheap); recognition and every listener call run on the stream's own virtual thread, one
 * at a time, so {@link #sendAudio} never waits for pocketsphinx.
 *
 * <p>Threading: {@link #sendAudio}, {@link #finalizeTurn} and {@link #close} may come from
 * any thread (they share a lock); nothing blocks on recognition. Ownership: the recognizer and
 * VAD belong to this stream and are freed at close.
 */
final class LocalSttStream implements SttStream {
    private static final int FRAME = AudioChannel.FRAME_SAMPLES;

    private final SttListener listener;
    private final List<String> phrases;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("local-stt").factory());
    private final short[] frame = new short[FRAME];
    private VoiceActivityDetector vad;
    private UtteranceCutter cutter;
    private SpeechRecognizer recognizer;
    private int fill;
    private long samples;
    private boolean closed;
    private boolean failed;

    LocalSttStream(SttListener listener, Supplier<SpeechRecognizer> recognizers, List<String> phrases,
            int vadAggressiveness, Duration endSilence) {
        this.listener = listener;
        this.phrases = phrases;
        worker.execute(() -> {
            try {
                recognizer = recognizers.get();
            } catch (RuntimeException e) {
                fail(e);
            }
        });
        try {
            VoiceActivityDetector detector = new VoiceActivityDetector(vadAggressiveness, AudioChannel.SAMPLE_RATE);
            vad = detector;
            cutter = new UtteranceCutter(f -> detector.isSpeech(f, 0, f.length), 3,
                    Math.max(1, (int) endSilence.toMillis() / 20), 15_000 / 20, 15);
        } catch (RuntimeException e) {
            worker.execute(() -> fail(e));
        }
    }

    @Override
    public synchronized void sendAudio(short[] pcm, int offset, int length) {
        if (closed || cutter == null) {
            return;
        }
        samples += length;
        for (int i = 0; i < length; i++) {
            frame[fill++] = pcm[offset + i];
            if (fill == FRAME) {
                fill = 0;
                switch (cutter.accept(frame)) {
                    case STARTED -> worker.execute(listener::onSpeechStarted);
                    case ENDED -> recognize(cutter.take());
                    case NONE -> { }
                }
            }
        }
    }

    @Override
    public synchronized void finalizeTurn() {
        if (closed) {
            return;
        }
        if (cutter != null && cutter.cut()) {
            recognize(cutter.take());
        } else {
            worker.execute(() -> listener.onTranscript("", true));
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (cutter != null && cutter.cut()) {
            recognize(cutter.take());
        }
        if (vad != null) {
            vad.close();
        }
        double seconds = samples / (double) AudioChannel.SAMPLE_RATE;
        worker.execute(() -> {
            if (!failed) {
                listener.onUsage(seconds);
            }
            if (recognizer != null) {
                recognizer.close();
            }
        });
        worker.shutdown();
    }

    private void recognize(short[] utterance) {
        worker.execute(() -> {
            if (failed || recognizer == null) {
                return;
            }
            String text;
            try {
                text = recognizer.recognize(utterance, 0, utterance.length, phrases);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            listener.onTranscript(text, true);
            if (!text.isBlank()) {
                listener.onEndOfTurn();
            }
        });
    }

    /** Runs on the worker thread. */
    private void fail(RuntimeException e) {
        if (!failed) {
            failed = true;
            listener.onError(new ProviderException("local", "local recognizer failed: " + e.getMessage(), false, e));
        }
    }
}
