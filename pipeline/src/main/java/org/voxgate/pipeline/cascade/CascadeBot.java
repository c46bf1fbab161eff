package org.voxgate.pipeline.cascade;

import java.util.Objects;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.tools.ToolsFactory;

/**
 * A voice agent of the cascade shape: the caller's speech goes to a speech-to-text stream, each
 * finished turn to a streaming language model (with tools), and its reply, clause by clause, to a
 * text-to-speech stream whose audio is played to the caller; the caller can cut in.
 *
 * <p>Threading: immutable and thread-safe; {@link #open} may be called from any thread, once per
 * call. The providers are shared by every call (each call opens its own streams); wrap them in
 * the failover chains of {@code org.voxgate.pipeline.provider.failover} for a per-bot chain.
 */
public final class CascadeBot implements Bot {
    private final String name;
    private final CascadeSettings settings;
    private final SpeechToText stt;
    private final LanguageModel llm;
    private final TextToSpeech tts;
    private final ToolsFactory tools;
    private final EngineRuntime runtime;
    private final ConversationPolicy.Factory policies;

    /** A bot on virtual threads and the WebRTC VAD ({@link EngineRuntime#standard()}). */
    public CascadeBot(String name, CascadeSettings settings, SpeechToText stt, LanguageModel llm, TextToSpeech tts,
            ToolsFactory tools) {
        this(name, settings, stt, llm, tts, tools, EngineRuntime.standard());
    }

    public CascadeBot(String name, CascadeSettings settings, SpeechToText stt, LanguageModel llm, TextToSpeech tts,
            ToolsFactory tools, EngineRuntime runtime) {
        this(name, settings, stt, llm, tts, tools, runtime, ConversationPolicy.Factory.NONE);
    }

    private CascadeBot(String name, CascadeSettings settings, SpeechToText stt, LanguageModel llm, TextToSpeech tts,
            ToolsFactory tools, EngineRuntime runtime, ConversationPolicy.Factory policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stt = Objects.requireNonNull(stt, "stt");
        this.llm = Objects.requireNonNull(llm, "llm");
        this.tts = Objects.requireNonNull(tts, "tts");
        this.tools = tools == null ? ToolsFactory.NONE : tools;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public String name() {
        return name;
    }

    public CascadeSettings settings() {
        return settings;
    }

    /**
     * This bot with its own rules on every call: a flow, handoff and guardrails
     * ({@link org.voxgate.pipeline.flow.FlowConversation#factory}).
     */
    public CascadeBot withPolicy(ConversationPolicy.Factory factory) {
        return new CascadeBot(name, settings, stt, llm, tts, tools, runtime, factory);
    }

    @Override
    public BotSession open(CallContext call) {
        CascadeSession session = new CascadeSession(call, settings, stt, llm, tts, tools, policies, runtime);
        session.start();
        return session;
    }
}
