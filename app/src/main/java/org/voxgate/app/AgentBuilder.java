package org.voxgate.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.bridge.TwilioBridgeBot;
import org.voxgate.pipeline.cascade.CascadeBot;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.ProviderGuard;
import org.voxgate.pipeline.provider.RetryPolicy;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.pipeline.provider.TextToSpeech;
import org.voxgate.pipeline.provider.failover.FailoverLanguageModel;
import org.voxgate.pipeline.provider.failover.FailoverSpeechToText;
import org.voxgate.pipeline.provider.failover.FailoverTextToSpeech;
import org.voxgate.pipeline.realtime.RealtimeBot;
import org.voxgate.pipeline.tools.ToolsFactory;

/**
 * Makes running bots from {@link AgentSpec}s, whichever source they came from: vendor clients
 * from the {@link ProviderCatalog} (wrapped in a failover chain when a part lists more than
 * one), each call's tools, and for bridge bots a {@link ProviderGuard} of their own.
 *
 * <p>Thread-safe: used at start-up for {@code bots.agents} and again whenever a stored
 * skillbase is built; the shared bridge HTTP client is made once, under a lock.
 */
final class AgentBuilder {
    /** Names the source key of one provider in a part's chain, for error messages. */
    @FunctionalInterface
    interface Keys {
        /**
         * @param part {@code stt}, {@code llm}, {@code tts} or {@code realtime}
         * @param index the provider's place in the chain
         */
        String of(String part, int index);
    }

    private final ProviderCatalog catalog;
    private final MeterRegistry metrics;
    private final AgentTools tools;
    private HttpClient bridgeHttp;

    AgentBuilder(ProviderCatalog catalog, MeterRegistry metrics, AgentTools tools) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.tools = tools;
    }

    /** The running bot; errors (an unknown vendor, a missing API key) name the key {@code keys} gives. */
    Bot build(AgentSpec spec, Keys keys) {
        return switch (spec) {
            case AgentSpec.Cascade c -> cascade(c, keys);
            case AgentSpec.Realtime r -> realtime(r, keys);
            case AgentSpec.Bridge b -> bridge(b);
        };
    }

    CascadeBot cascade(AgentSpec.Cascade spec, Keys keys) {
        List<SpeechToText> stt = new ArrayList<>();
        for (int i = 0; i < spec.stt().size(); i++) {
            ProviderChoice p = spec.stt().get(i);
            stt.add(catalog.speechToText(keys.of("stt", i), p.vendor(), p.model(), p.options(), p.phrases()));
        }
        List<LanguageModel> llm = new ArrayList<>();
        for (int i = 0; i < spec.llm().size(); i++) {
            ProviderChoice p = spec.llm().get(i);
            llm.add(catalog.languageModel(keys.of("llm", i), p.vendor(), p.model(), p.options()));
        }
        List<TextToSpeech> tts = new ArrayList<>();
        for (int i = 0; i < spec.tts().size(); i++) {
            ProviderChoice p = spec.tts().get(i);
            tts.add(catalog.textToSpeech(keys.of("tts", i), p.vendor(), p.model(), p.options()));
        }
        return new CascadeBot(spec.name(), spec.settings(),
                stt.size() == 1 ? stt.get(0) : new FailoverSpeechToText(stt),
                llm.size() == 1 ? llm.get(0) : new FailoverLanguageModel(llm),
                tts.size() == 1 ? tts.get(0) : new FailoverTextToSpeech(tts),
                tools(spec.name(), spec.tools()));
    }

    RealtimeBot realtime(AgentSpec.Realtime spec, Keys keys) {
        ProviderChoice p = spec.model();
        ToolsFactory tools = tools(spec.name(), spec.tools());
        return new RealtimeBot(spec.name(), catalog.realtime(keys.of("realtime", 0), p.vendor(), p.model(), p.options()),
                spec.session(), (CallContext call) -> tools.create(call, new AfterPlaybackControl(call)));
    }

    TwilioBridgeBot bridge(AgentSpec.Bridge spec) {
        String name = spec.name();
        ProviderGuard guard = new ProviderGuard("bridge-" + name, "bridge", RetryPolicy.DEFAULT, metrics);
        return new TwilioBridgeBot(spec.config(), bridgeHttp(), guard,
                Thread.ofVirtual().name("bridge-" + name + "-", 0).factory());
    }

    /** Each call's tools (see {@link AgentTools}); made at build time, so a bad tool fails the build, not a call. */
    ToolsFactory tools(String bot, ToolChoice choice) {
        return tools.factory(bot, choice);
    }

    private synchronized HttpClient bridgeHttp() {
        if (bridgeHttp == null) {
            bridgeHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        return bridgeHttp;
    }
}
