package org.voxgate.pipeline.cascade;

import java.util.Arrays;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.tools.ToolsFactory;
import org.voxgate.pipeline.turn.TurnTakingSettings;

/**
 * Drives a cascade session frame by frame: every 20 ms the stepped clock moves, one caller frame
 * (voiced or silent) arrives through the fake audio channel, and the engine's frame loop is run
 * by hand until idle. The voice detector calls a frame voiced when it is not silent.
 */
final class CascadeHarness {
    static final short[] VOICED = new short[160];
    static final short[] SILENT = new short[160];

    static {
        Arrays.fill(VOICED, (short) 3000);
    }

    /** Onset 60 ms, end after 300 ms (complete sentence) or 600 ms, barge-in 200 ms + 1 word, dead air 3 s. */
    static final TurnTakingSettings TURNS = new TurnTakingSettings(2, 60, 300, 600, 200, 1, true, null, 3000);

    final TestCall call = new TestCall();
    final ManualExecutor executor = new ManualExecutor();
    final TestProviders.ScriptedStt stt = new TestProviders.ScriptedStt();
    final TestProviders.ScriptedLlm llm = new TestProviders.ScriptedLlm();
    final TestProviders.ToneTts tts = new TestProviders.ToneTts();
    BotSession session;

    static CascadeSettings settings(String greeting, boolean uninterruptible) {
        return new CascadeSettings("You are a test.", greeting, uninterruptible, TURNS, 100, null, 3, 200, 10, 1024);
    }

    CascadeHarness open(CascadeSettings settings, ToolsFactory tools) {
        return open(settings, tools, stt, llm, tts);
    }

    CascadeHarness open(CascadeSettings settings, ToolsFactory tools, SpeechToText s, LanguageModel l, TextToSpeech t) {
        return open(settings, tools, ConversationPolicy.Factory.NONE, s, l, t);
    }

    /** A bot with its own rules (flow, handoff, guardrails). */
    CascadeHarness open(CascadeSettings settings, ToolsFactory tools, ConversationPolicy.Factory rules) {
        return open(settings, tools, rules, stt, llm, tts);
    }

    CascadeHarness open(CascadeSettings settings, ToolsFactory tools, ConversationPolicy.Factory rules,
            SpeechToText s, LanguageModel l, TextToSpeech t) {
        EngineRuntime runtime = new EngineRuntime(executor, call.clock::nanos, mode -> frame -> frame[0] != 0);
        session = new CascadeBot("test", settings, s, l, t, tools, runtime).withPolicy(rules).open(call);
        executor.runAll();
        return this;
    }

    /** {@code n} caller frames, 20 ms apart. */
    void frames(boolean voiced, int n) {
        for (int i = 0; i < n; i++) {
            call.clock.advanceMillis(20);
            call.audio.sendFrame(voiced ? VOICED : SILENT);
            executor.runAll();
        }
    }

    void run() {
        executor.runAll();
    }

    /** The caller says a complete sentence (200 ms of speech, final transcript) and falls silent until answered. */
    void ask(String sentence) {
        frames(true, 10);
        stt.listener().onTranscript(sentence, true);
        run();
        frames(false, 15);
    }

    long ms(long nanos) {
        return nanos / 1_000_000L;
    }
}
