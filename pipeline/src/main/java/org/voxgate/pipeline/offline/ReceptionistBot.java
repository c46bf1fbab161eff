package org.voxgate.pipeline.offline;

import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.speech.SpeechRecognizer;
import org.voxgate.pipeline.speech.SpeechSynthesizer;

/**
 * The default bot: a small receptionist that offers and books an appointment, by speech
 * (espeak-ng out, pocketsphinx in) or DTMF. Made by {@link OfflineBots}.
 *
 * <p>Threading: {@link #open} may be called from any thread and returns at once; each call
 * runs on its own session thread from the given factory (virtual threads in production).
 * The synthesizer is shared by all calls; each call gets its own recognizer.
 */
final class ReceptionistBot implements Bot {
    static final String NAME = "receptionist";
    private static final Logger log = LoggerFactory.getLogger(ReceptionistBot.class);

    private final OfflineBotConfig config;
    private final FlowDefinition flow;
    private final SpeechSynthesizer synthesizer;
    private final Supplier<SpeechRecognizer> recognizers;
    private final ThreadFactory threads;

    /**
     * @param synthesizer the shared voice, or {@code null} if the bot cannot speak (calls are
     *     then hung up at once rather than left silent)
     * @param recognizers makes one recognizer per call, or {@code null} for DTMF only
     */
    ReceptionistBot(OfflineBotConfig config, FlowDefinition flow, SpeechSynthesizer synthesizer,
            Supplier<SpeechRecognizer> recognizers, ThreadFactory threads) {
        this.config = config;
        this.flow = flow;
        this.synthesizer = synthesizer;
        this.recognizers = recognizers;
        this.threads = threads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BotSession open(CallContext call) {
        if (synthesizer == null) {
            MDC.put("callId", call.callId());
            try {
                log.error("cannot speak: espeak-ng not installed (apt-get install espeak-ng); hanging up");
            } finally {
                MDC.remove("callId");
            }
            call.hangup("bot_unavailable");
            return () -> { };
        }
        ReceptionistSession session = new ReceptionistSession(call, config,
                c -> new DefinitionDialogue(flow, config.maxAttempts()), synthesizer, recognizers, threads);
        session.start();
        return session;
    }
}
