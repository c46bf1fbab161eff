package org.voxgate.pipeline.offline;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.flow.Dialogue;
import org.voxgate.pipeline.speech.SpeechRecognizer;
import org.voxgate.pipeline.speech.SpeechSynthesizer;

/**
 * A skillbase bot without a model: its flow ({@link org.voxgate.pipeline.flow.FlowDialogue}) run
 * by the offline dialogue engine on espeak-ng and, for English, pocketsphinx (its grammar is the
 * current state's keywords and slot words) or DTMF. Made by {@link OfflineBots#flowBot}.
 *
 * <p>Threading: {@link #open} may be called from any thread and returns at once; each call runs
 * on its own session thread. The synthesizer is shared; each call gets its own recognizer and
 * dialogue.
 */
public final class FlowBot implements Bot {
    private static final Logger log = LoggerFactory.getLogger(FlowBot.class);

    private final String name;
    private final OfflineBotConfig config;
    private final Function<CallContext, Dialogue> dialogues;
    private final SpeechSynthesizer synthesizer;
    private final Supplier<SpeechRecognizer> recognizers;
    private final ThreadFactory threads;

    FlowBot(String name, OfflineBotConfig config, Function<CallContext, Dialogue> dialogues,
            SpeechSynthesizer synthesizer, Supplier<SpeechRecognizer> recognizers, ThreadFactory threads) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = config;
        this.dialogues = dialogues;
        this.synthesizer = synthesizer;
        this.recognizers = recognizers;
        this.threads = threads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BotSession open(CallContext call) {
        if (synthesizer == null) {
            log.error("call {}: bot {} cannot speak: espeak-ng not installed; hanging up", call.callId(), name);
            call.hangup("bot_unavailable");
            return () -> { };
        }
        ReceptionistSession session = new ReceptionistSession(call, config, dialogues, synthesizer, recognizers,
                threads);
        session.start();
        return session;
    }
}
