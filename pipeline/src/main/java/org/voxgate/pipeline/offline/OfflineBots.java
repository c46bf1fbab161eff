package org.voxgate.pipeline.offline;

import java.util.List;
import java.util.function.Function;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.flow.Dialogue;
import org.voxgate.pipeline.flow.FlowDialogue;
import org.voxgate.pipeline.flow.FlowSpec;
import org.voxgate.pipeline.flow.HandoffPolicy;
import org.voxgate.pipeline.guard.GuardListener;
import org.voxgate.pipeline.guard.Guardrails;
import org.voxgate.pipeline.tools.ConversationControl;
import org.voxgate.pipeline.tools.RecordedTools;
import org.voxgate.pipeline.tools.ToolsFactory;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.speech.EspeakSynthesizer;
import org.voxgate.pipeline.speech.PocketsphinxModel;
import org.voxgate.pipeline.speech.SpeechException;
import org.voxgate.pipeline.speech.SpeechRecognizer;
import org.voxgate.pipeline.speech.SpeechSynthesizer;

/**
 * The bots that need no network: {@code receptionist} (the default for any dialled number)
 * and {@code echo}. Checks which speech engines are installed, logs what is missing, and
 * builds the bots to match: without espeak-ng the receptionist hangs up every call with
 * {@code bot_unavailable}; without pocketsphinx or the VAD it takes DTMF only.
 *
 * <p>Threading: {@link #create} blocks briefly (engine checks, library loading); call it
 * once at start-up. The result is immutable; its bots are thread-safe.
 */
public final class OfflineBots {
    private static final Logger log = LoggerFactory.getLogger(OfflineBots.class);

    private final OfflineSpeechCheck.Report availability;
    private final List<Bot> bots;
    private final SpeechSynthesizer synthesizer;
    private final OfflineBotConfig config;
    private final Supplier<SpeechRecognizer> recognizers;
    private final ThreadFactory sessionThreads;

    private OfflineBots(OfflineSpeechCheck.Report availability, List<Bot> bots, SpeechSynthesizer synthesizer,
            OfflineBotConfig config, Supplier<SpeechRecognizer> recognizers, ThreadFactory sessionThreads) {
        this.availability = availability;
        this.bots = List.copyOf(bots);
        this.synthesizer = synthesizer;
        this.config = config;
        this.recognizers = recognizers;
        this.sessionThreads = sessionThreads;
    }

    /**
     * @param config validated settings
     * @param sessionThreads makes each receptionist call's session thread; pass
     *     {@code Thread.ofVirtual().name("bot-", 0).factory()} in production
     */
    public static OfflineBots create(OfflineBotConfig config, ThreadFactory sessionThreads) {
        OfflineSpeechCheck.Report report = OfflineSpeechCheck.run(config);
        if (report.problems().isEmpty()) {
            log.info("offline speech: {}", report.summary());
        } else {
            log.warn("offline speech: {}", report.summary());
        }
        SpeechSynthesizer synthesizer = report.canSpeak()
                ? new EspeakSynthesizer(config.espeakBinary(), config.espeakVoice(), config.speechRate(),
                        config.synthesisTimeout(), config.promptCacheEntries())
                : null;
        Supplier<SpeechRecognizer> recognizers = null;
        if (report.canRecognize()) {
            PocketsphinxModel model = PocketsphinxModel.load(config.pocketsphinxLibrary(),
                    config.sphinxbaseLibrary(), config.acousticModel(), config.dictionary());
            recognizers = model::newRecognizer;
        }
        FlowDefinition flow = ReceptionistFlow.definition();
        if (synthesizer != null) {
            warm(synthesizer, flow);
        }
        Bot receptionist = new ReceptionistBot(config, flow, synthesizer, recognizers, sessionThreads);
        return new OfflineBots(report, List.of(receptionist, new EchoBot()), synthesizer, config, recognizers,
                sessionThreads);
    }

    /**
     * Renders every plain prompt once at start-up so the first caller hears the greeting as
     * soon as the call is up, not after espeak-ng has run (prompts are cached by text).
     */
    private static void warm(SpeechSynthesizer synthesizer, FlowDefinition flow) {
        long started = System.nanoTime();
        try {
            for (FlowState state : flow.states().values()) {
                synthesizer.synthesize(state.prompt());
            }
            log.info("rendered {} prompts in {} ms", flow.states().size(), (System.nanoTime() - started) / 1_000_000);
        } catch (SpeechException e) {
            // Calls will try again (and hang up cleanly if speech keeps failing).
            log.warn("could not pre-render prompts: {}", e.getMessage());
        }
    }

    /**
     * A skillbase bot without a model, running its flow on the local speech engines.
     *
     * @param language BCP 47: picks the espeak-ng voice ({@code en-US} speaks {@code en-us},
     *     {@code es-ES} {@code es}); the recognizer knows English only, so other languages
     *     answer DTMF only
     * @param dialogues makes each call's dialogue, usually
     *     {@code call -> new FlowDialogue(flow, handoff, tools.create(call, ...), guardrails, ...)}
     */
    public Bot flowBot(String name, String language, Function<CallContext, Dialogue> dialogues) {
        String lang = language == null ? "en-us" : language.toLowerCase(java.util.Locale.ROOT);
        boolean english = lang.startsWith("en");
        SpeechSynthesizer voice = synthesizer;
        if (synthesizer != null && !english) {
            voice = new EspeakSynthesizer(config.espeakBinary(), lang.substring(0, 2), config.speechRate(),
                    config.synthesisTimeout(), config.promptCacheEntries());
        }
        return new FlowBot(name, config, dialogues, voice, english ? recognizers : null, sessionThreads);
    }

    /**
     * A skillbase bot without a model from its parts: each call gets a
     * {@link org.voxgate.pipeline.flow.FlowDialogue} over the bot's tools. The tools' control
     * hangs up at once on {@code hang_up} (a dialogue's words have played by the time an
     * action runs) and only logs a failed {@code transfer_to_human} (the dialogue's own
     * transfers report back to it).
     *
     * @param guardrails the bot's guardrails, or {@code null}
     * @param guardListeners each call's listener for blocked words, or {@code null}
     * @param zone the bot's time zone, for "today" and weekday answers
     * @throws IllegalArgumentException when the flow needs a model, naming the field
     */
    public Bot flowBot(String name, String language, FlowSpec flow, HandoffPolicy handoff, ToolsFactory tools,
            Guardrails guardrails, Function<CallContext, GuardListener> guardListeners, java.time.ZoneId zone) {
        return flowBot(name, language, "", flow, handoff, tools, guardrails, guardListeners, zone);
    }

    /** As above, saying {@code greeting} on answer before the first state's words. */
    public Bot flowBot(String name, String language, String greeting, FlowSpec flow, HandoffPolicy handoff,
            ToolsFactory tools, Guardrails guardrails, Function<CallContext, GuardListener> guardListeners,
            java.time.ZoneId zone) {
        FlowDialogue.checkRunnable(flow);
        return flowBot(name, language, call -> {
            ConversationControl control = new ConversationControl() {
                @Override public void hangUpAfterReply(String reason) {
                    call.hangup(reason);
                }

                @Override public void transferFailed(String reason) {
                    log.info("call {}: a tool's transfer failed: {}", call.callId(), reason);
                }
            };
            // every action is logged on the call, as a model's tool calls are
            return new FlowDialogue(flow, handoff, RecordedTools.of(call, tools.create(call, control)), guardrails,
                    guardListeners == null ? null : guardListeners.apply(call), language, config.maxAttempts(),
                    call.clock(), zone).withGreeting(greeting);
        });
    }

    /** {@code receptionist} then {@code echo}. */
    public List<Bot> bots() {
        return bots;
    }

    /** Name of the bot to route any dialled number to when nothing else is configured. */
    public String defaultBotName() {
        return ReceptionistBot.NAME;
    }

    /** The bots' speech synthesizer (thread-safe), or null when espeak-ng is missing. */
    public SpeechSynthesizer synthesizer() {
        return synthesizer;
    }

    /** What the start-up check found. */
    public OfflineSpeechCheck.Report availability() {
        return availability;
    }
}
