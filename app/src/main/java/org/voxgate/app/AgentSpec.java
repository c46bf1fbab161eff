package org.voxgate.app;

import java.util.List;
import org.voxgate.pipeline.bridge.TwilioBridgeConfig;
import org.voxgate.pipeline.cascade.CascadeSettings;
import org.voxgate.pipeline.provider.RealtimeSession;

/**
 * What a bot is, in one neutral form that both sources of bots produce: the {@code bots.agents}
 * YAML ({@link CascadeAgents}, {@link RealtimeAgents}, {@link BotDefinitions}) and stored
 * skillbases ({@link SkillbaseSpecs}). {@link AgentBuilder} makes the running bot from it, so
 * both sources build their bots the same way.
 *
 * <p>Immutable.
 */
sealed interface AgentSpec {
    String name();

    /**
     * A speech-to-text, language-model, text-to-speech bot.
     *
     * @param stt the recognizers, tried in order (more than one: a failover chain)
     * @param llm the language models, tried in order
     * @param tts the voices, tried in order
     */
    record Cascade(String name, CascadeSettings settings, List<ProviderChoice> stt, List<ProviderChoice> llm,
            List<ProviderChoice> tts, ToolChoice tools) implements AgentSpec {
        public Cascade {
            stt = List.copyOf(stt);
            llm = List.copyOf(llm);
            tts = List.copyOf(tts);
        }
    }

    /** A speech-to-speech bot on one realtime model. */
    record Realtime(String name, ProviderChoice model, RealtimeSession session, ToolChoice tools)
            implements AgentSpec {}

    /** The operator's own bot behind a Twilio-style media-stream WebSocket. */
    record Bridge(TwilioBridgeConfig config) implements AgentSpec {
        @Override
        public String name() {
            return config.name();
        }
    }
}
