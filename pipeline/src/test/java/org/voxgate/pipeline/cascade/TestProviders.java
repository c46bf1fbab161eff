package org.voxgate.pipeline.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;

/** Small scripted providers for the engine tests: the test decides when each one answers. */
final class TestProviders {
    private TestProviders() {}

    /** Speech-to-text whose results the test emits through {@link #listener()}. */
    static final class ScriptedStt implements SpeechToText {
        final List<SttListener> listeners = new CopyOnWriteArrayList<>();
        long samples;
        int finalizes;
        boolean closed;

        @Override public String vendor() { return "scripted-stt"; }
        @Override public String model() { return "m1"; }

        @Override
        public SttStream open(SttListener listener) {
            listeners.add(listener);
            return new SttStream() {
                @Override public void sendAudio(short[] pcm, int offset, int length) { samples += length; }
                @Override public void finalizeTurn() { finalizes++; }
                @Override public void close() { closed = true; }
            };
        }

        SttListener listener() {
            return listeners.getLast();
        }
    }

    /** One completion the test drives through its listener. */
    static final class Completion {
        final LlmRequest request;
        final LlmListener listener;
        boolean cancelled;

        Completion(LlmRequest request, LlmListener listener) {
            this.request = request;
            this.listener = listener;
        }
    }

    /** A streaming language model that records requests; the test streams the answers. */
    static final class ScriptedLlm implements LanguageModel {
        final List<Completion> completions = new CopyOnWriteArrayList<>();

        @Override public String vendor() { return "scripted-llm"; }
        @Override public String model() { return "m2"; }

        @Override
        public Cancellable stream(LlmRequest request, LlmListener listener) {
            Completion c = new Completion(request, listener);
            completions.add(c);
            return () -> c.cancelled = true;
        }

        Completion last() {
            return completions.getLast();
        }
    }

    /**
     * Text-to-speech that renders a 400 Hz tone, {@code samplesPerChar} samples per character, when
     * the test calls {@link #deliver()}; {@code onFlushed} follows a delivered flush.
     */
    static final class ToneTts implements TextToSpeech {
        static final int SAMPLES_PER_CHAR = 80; // 10 ms per character
        final List<String> spoken = new ArrayList<>();
        TtsListener listener;
        private final StringBuilder pending = new StringBuilder();
        private boolean flushPending;
        int clears;
        boolean closed;

        @Override public String vendor() { return "tone-tts"; }
        @Override public String model() { return "m3"; }

        @Override
        public TtsStream open(TtsListener l) {
            listener = l;
            return new TtsStream() {
                @Override public synchronized void speak(String text) { spoken.add(text); pending.append(text); }
                @Override public synchronized void flush() { flushPending = true; }
                @Override public synchronized void clear() { clears++; pending.setLength(0); flushPending = false; }
                @Override public void close() { closed = true; }
            };
        }

        /** Synthesizes everything pending now. */
        void deliver() {
            int n = pending.length() * SAMPLES_PER_CHAR;
            if (n > 0) {
                short[] pcm = new short[n];
                for (int i = 0; i < n; i++) {
                    pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 400 * i / 8000.0));
                }
                listener.onUsage(pending.length());
                listener.onAudio(pcm, 0, n);
                pending.setLength(0);
            }
            if (flushPending) {
                flushPending = false;
                listener.onFlushed();
            }
        }
    }
}
