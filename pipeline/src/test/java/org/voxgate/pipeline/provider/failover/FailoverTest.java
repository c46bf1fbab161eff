package org.voxgate.pipeline.provider.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.SttListener;
import org.voxgate.pipeline.provider.SttStream;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.TtsListener;
import org.voxgate.pipeline.provider.TtsStream;
import org.voxgate.pipeline.provider.ChatMessage;

/** Failover chains over small providers that fail when the test says so. */
class FailoverTest {

    static ProviderException broken(String vendor) {
        return new ProviderException(vendor, "socket dropped", true);
    }

    /** STT that records audio and reports what the test makes it report. */
    static final class FlakyStt implements SpeechToText {
        final String name;
        SttListener listener;
        long samples;
        boolean closed;

        FlakyStt(String name) { this.name = name; }
        @Override public String vendor() { return name; }
        @Override public String model() { return name + "-model"; }
        @Override public SttStream open(SttListener l) {
            listener = l;
            return new SttStream() {
                @Override public void sendAudio(short[] pcm, int offset, int length) { samples += length; }
                @Override public void finalizeTurn() {}
                @Override public void close() { closed = true; }
            };
        }
        void fail() { listener.onError(broken(name)); }
    }

    static final class Recorder implements SttListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        @Override public void onTranscript(String text, boolean isFinal) { events.add((isFinal ? "final " : "interim ") + text); }
        @Override public void onError(ProviderException error) { events.add("error " + error.vendor()); }
    }

    @Test
    void speechToTextMovesToTheNextProviderMidCallAndReplaysRecentAudio() {
        FlakyStt a = new FlakyStt("deepgram");
        FlakyStt b = new FlakyStt("local");
        FailoverSpeechToText chain = new FailoverSpeechToText(List.of(a, b));
        Recorder rec = new Recorder();
        SttStream stream = chain.open(rec);
        stream.sendAudio(new short[160], 0, 160);
        a.listener.onTranscript("hello", false);
        assertThat(chain.vendor()).isEqualTo("deepgram");

        a.fail();
        assertThat(a.closed).isTrue();
        assertThat(b.samples).as("the words being said are not lost").isEqualTo(160);
        assertThat(chain.vendor()).isEqualTo("local");
        stream.sendAudio(new short[320], 0, 320);
        assertThat(b.samples).isEqualTo(480);
        assertThat(a.samples).isEqualTo(160);
        a.listener.onTranscript("ghost", true); // a replaced member is not heard
        b.listener.onTranscript("hello there", true);
        assertThat(rec.events).containsExactly("interim hello", "final hello there");

        b.fail(); // the last one: now the pipeline is told
        assertThat(rec.events).last().isEqualTo("error local");
        stream.close();
        assertThat(b.closed).isTrue();
    }

    /** A model that fails at once, or after some text, as told. */
    static final class FlakyLlm implements LanguageModel {
        final String name;
        final List<LlmListener> listeners = new ArrayList<>();
        int cancels;
        FlakyLlm(String name) { this.name = name; }
        @Override public String vendor() { return name; }
        @Override public String model() { return name + "-model"; }
        @Override public Cancellable stream(LlmRequest request, LlmListener l) {
            listeners.add(l);
            return () -> cancels++;
        }
    }

    static final class Collect implements LlmListener {
        final StringBuilder text = new StringBuilder();
        final List<String> ends = new ArrayList<>();
        @Override public void onText(String delta) { text.append(delta); }
        @Override public void onComplete(StopReason reason, TokenUsage usage) { ends.add("complete " + reason); }
        @Override public void onError(ProviderException error) { ends.add("error " + error.vendor()); }
    }

    private static final LlmRequest REQUEST = new LlmRequest("", List.of(new ChatMessage.User("hi")), List.of(), null, 50);

    @Test
    void languageModelRetriesOnTheNextOnlyBeforeAnythingWasDelivered() {
        FlakyLlm a = new FlakyLlm("openai");
        FlakyLlm b = new FlakyLlm("anthropic");
        FailoverLanguageModel chain = new FailoverLanguageModel(List.of(a, b));
        Collect c = new Collect();
        Cancellable handle = chain.stream(REQUEST, c);
        a.listeners.getFirst().onError(broken("openai"));
        assertThat(b.listeners).hasSize(1);
        assertThat(chain.vendor()).isEqualTo("anthropic");
        b.listeners.getFirst().onText("Hello!");
        b.listeners.getFirst().onComplete(LlmListener.StopReason.END_OF_TURN, TokenUsage.NONE);
        assertThat(c.text).hasToString("Hello!");
        assertThat(c.ends).containsExactly("complete END_OF_TURN");
        handle.cancel();
        assertThat(b.cancels).isEqualTo(1);

        Collect d = new Collect();
        chain.stream(REQUEST, d);
        a.listeners.getLast().onText("Half an ans");
        a.listeners.getLast().onError(broken("openai"));
        assertThat(b.listeners).as("no second answer after the first began").hasSize(1);
        assertThat(d.ends).containsExactly("error openai");
    }

    @Test
    void cancelledCompletionDoesNotFailOver() {
        FlakyLlm a = new FlakyLlm("openai");
        FlakyLlm b = new FlakyLlm("anthropic");
        Collect c = new Collect();
        Cancellable handle = new FailoverLanguageModel(List.of(a, b)).stream(REQUEST, c);
        handle.cancel();
        a.listeners.getFirst().onError(broken("openai"));
        assertThat(b.listeners).isEmpty();
        assertThat(c.ends).isEmpty();
    }

    /** TTS that records what it was given and delivers when told. */
    static final class FlakyTts implements TextToSpeech {
        final String name;
        final List<String> given = new ArrayList<>();
        TtsListener listener;
        int flushes;
        boolean closed;
        FlakyTts(String name) { this.name = name; }
        @Override public String vendor() { return name; }
        @Override public String model() { return name + "-voice"; }
        @Override public TtsStream open(TtsListener l) {
            listener = l;
            return new TtsStream() {
                @Override public void speak(String text) { given.add(text); }
                @Override public void flush() { flushes++; }
                @Override public void clear() { given.clear(); }
                @Override public void close() { closed = true; }
            };
        }
        /** Delivers one clause: audio, then its flush. */
        void deliver(int samples) {
            listener.onAudio(new short[samples], 0, samples);
            listener.onFlushed();
        }
    }

    static final class Heard implements TtsListener {
        long samples;
        int flushed;
        final List<String> errors = new ArrayList<>();
        @Override public void onAudio(short[] pcm, int offset, int length) { samples += length; }
        @Override public void onFlushed() { flushed++; }
        @Override public void onError(ProviderException error) { errors.add(error.vendor()); }
    }

    @Test
    void textToSpeechSpeaksTheClauseBeingSpokenAgainOnTheNextProvider() {
        FlakyTts a = new FlakyTts("elevenlabs");
        FlakyTts b = new FlakyTts("deepgram");
        Heard heard = new Heard();
        TtsStream stream = new FailoverTextToSpeech(List.of(a, b)).open(heard);
        // a first reply teaches the chain this voice's pace: 20 chars, 20 * 400 samples
        stream.speak("Hello, how are you? ");
        stream.flush();
        a.deliver(20 * 400);
        assertThat(heard.flushed).isEqualTo(1);

        stream.speak("One moment please. "); // 19 characters
        stream.speak("Let me look that up. ");
        stream.flush();
        a.listener.onAudio(new short[19 * 460], 0, 19 * 460); // the first clause's audio, at about the pace
        a.listener.onError(broken("elevenlabs"));
        assertThat(a.closed).isTrue();
        assertThat(b.given).containsExactly("Let me look that up. ");
        assertThat(b.flushes).as("the reply's flush carries over").isEqualTo(1);
        a.listener.onAudio(new short[100], 0, 100); // late audio of the failed one is not played
        b.deliver(1600);
        assertThat(heard.samples).isEqualTo(20 * 400 + 19 * 460 + 1600);
        assertThat(heard.flushed).isEqualTo(2);
    }

    @Test
    void textToSpeechRepeatsAClauseOnlyPartlyDeliveredAndTellsTheLastFailure() {
        FlakyTts a = new FlakyTts("elevenlabs");
        FlakyTts b = new FlakyTts("deepgram");
        Heard heard = new Heard();
        TtsStream stream = new FailoverTextToSpeech(List.of(a, b)).open(heard);
        stream.speak("A fairly long first clause here, ");
        stream.speak("and a second one. ");
        a.listener.onAudio(new short[2000], 0, 2000); // a few characters' worth at the default pace
        a.listener.onError(broken("elevenlabs"));
        assertThat(b.given).containsExactly("A fairly long first clause here, ", "and a second one. ");
        assertThat(b.flushes).isZero();
        b.listener.onError(broken("deepgram"));
        assertThat(heard.errors).containsExactly("deepgram");
    }
}
