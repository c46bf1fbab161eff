package org.voxgate.pipeline.realtime;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.provider.RealtimeModel;
import org.voxgate.pipeline.provider.RealtimeSession;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.Tools;

/**
 * A bot whose whole conversation is one realtime speech-to-speech model (OpenAI Realtime,
 * Gemini Live): caller audio goes straight to the model, the model's audio straight to the
 * caller, the model's own VAD takes turns, and a barge-in clears playback at once and
 * truncates the model's memory of its reply at what the caller heard.
 *
 * <p>Threading: thread-safe; {@link #open} returns at once (the model connects in the
 * background). Ownership: the model is shared by every call; each session owns its stream.
 */
public final class RealtimeBot implements Bot {
    private final String name;
    private final RealtimeModel model;
    private final RealtimeSession session;
    private final Function<CallContext, Tools> tools;
    private final LongSupplier nanoTime;

    /**
     * @param name the name calls are routed to
     * @param model the shared realtime model client
     * @param session instructions, voice, VAD silence window and greeting; its tools are offered
     *     first, then each call's {@code tools}
     * @param tools the tools of one call (hang up, transfer... bound to that call)
     */
    public RealtimeBot(String name, RealtimeModel model, RealtimeSession session, Function<CallContext, Tools> tools) {
        this(name, model, session, tools, System::nanoTime);
    }

    /**
     * The same, with the nanosecond source of the turn timeline ({@link System#nanoTime()} in
     * production: the call's telemetry anchors its marks on it).
     */
    public RealtimeBot(String name, RealtimeModel model, RealtimeSession session, Function<CallContext, Tools> tools,
            LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.name = Objects.requireNonNull(name, "name");
        this.model = Objects.requireNonNull(model, "model");
        this.session = Objects.requireNonNull(session, "session");
        this.tools = Objects.requireNonNull(tools, "tools");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BotSession open(CallContext call) {
        Tools callTools = org.voxgate.pipeline.tools.RecordedTools.of(call, tools.apply(call));
        List<ToolSpec> specs = new java.util.ArrayList<>(session.tools());
        specs.addAll(callTools.specs());
        // each call's instructions also say what is known about its caller, as a cascade bot's prompt does
        String instructions = org.voxgate.pipeline.prompt.PromptBuilder.withCallerContext(session.instructions(),
                call.callerContext());
        RealtimeSession withTools = new RealtimeSession(instructions, session.voice(), specs,
                session.temperature(), session.silenceMillis(), session.greeting());
        return RealtimeCallSession.start(call, model, withTools, callTools, nanoTime);
    }
}
