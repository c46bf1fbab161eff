package org.voxgate.pipeline.cascade;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.frame.Frame;
import org.voxgate.pipeline.frame.FrameLoop;
import org.voxgate.pipeline.prompt.PromptBuilder;
import org.voxgate.pipeline.provider.ChatMessage;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.TtsStream;
import org.voxgate.pipeline.telemetry.TurnMark;
import org.voxgate.pipeline.telemetry.TurnObserver;
import org.voxgate.pipeline.tools.Tools;
import org.voxgate.pipeline.guard.ReplyGuard;

/**
 * Drives one reply at a time: streams the completion, cuts its text into clauses for speech,
 * runs the tools it calls (on the executor, never on the engine's thread) and continues the
 * completion with their results up to {@link CascadeSettings#maxToolRounds()} rounds, and hands
 * the synthesized audio to {@link ReplyAudio}.
 *
 * <p>Threading: everything but {@link #active()} runs on the call's frame loop; provider and tool
 * threads only offer frames tagged with the reply's id, so frames of a cut reply are recognised
 * and dropped. Ownership: shares the engine's history list (the engine's thread only).
 */
final class ReplyDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyDriver.class);

    private final CallContext call;
    private final CascadeSettings settings;
    /** The bot's system prompt with what is known about this call's caller, made once per call. */
    private final String systemPrompt;
    private final LanguageModel llm;
    private final ConversationPolicy policy;
    private final Tools tools;
    private final FrameLoop loop;
    private final Executor executor;
    private final LongSupplier nanoTime;
    private final TurnObserver observer;
    private final AudioChannel audio;
    private TtsStream tts;
    private List<ChatMessage> history;
    private int nextId;
    /** The reply whose speech the text-to-speech listener is delivering; read on provider threads. */
    private volatile int active = -1;

    ReplyDriver(CallContext call, CascadeSettings settings, LanguageModel llm, ConversationPolicy policy,
            FrameLoop loop, Executor executor, LongSupplier nanoTime) {
        this.call = call;
        this.settings = settings;
        this.systemPrompt = PromptBuilder.withCallerContext(settings.systemPrompt(), call.callerContext());
        this.llm = llm;
        this.policy = policy;
        this.tools = policy.tools();
        this.loop = loop;
        this.executor = executor;
        this.nanoTime = nanoTime;
        this.observer = call.turnObserver();
        this.audio = call.audio();
    }

    void attach(TtsStream tts, List<ChatMessage> history) {
        this.tts = tts;
        this.history = history;
    }

    int active() {
        return active;
    }

    void setActive(int id) {
        active = id;
    }

    /** Starts a reply from the model to the history as it stands. */
    BotReply start(String callerText, boolean interruptible, long nanos) {
        BotReply r = new BotReply(++nextId, interruptible, callerText, nanos, settings.minClauseChars());
        r.guard = policy.newGuard();
        active = r.id;
        request(r);
        return r;
    }

    /** Starts a reply of fixed text (the greeting). */
    BotReply speak(String text, boolean interruptible, long nanos) {
        BotReply r = new BotReply(++nextId, interruptible, "", nanos, settings.minClauseChars());
        r.guard = policy.newGuard();
        active = r.id;
        say(r, text);
        finishText(r);
        return r;
    }

    /** One frame of the current reply {@code r}. */
    void handle(BotReply r, Frame.ReplyFrame f, ReplyAudio replyAudio) {
        switch (f) {
            case Frame.LlmText t -> {
                if (r.guard != null && r.guard.blocked()) {
                    return; // the model was cancelled; its last deltas are not spoken nor remembered
                }
                if (!r.firstToken) {
                    r.firstToken = true;
                    observer.mark(TurnMark.LLM_FIRST_TOKEN, t.nanos());
                }
                r.roundText.append(t.delta());
                for (String clause : r.splitter.add(t.delta())) {
                    say(r, clause);
                }
            }
            case Frame.ToolCallRequested c -> r.calls.add(c.call());
            case Frame.LlmDone d -> completed(r, d.nanos());
            case Frame.LlmFailed e -> {
                LOG.warn("call {}: the language model failed: {}", call.callId(), e.error().getMessage());
                finishText(r);
            }
            case Frame.ToolResult res -> {
                history.add(new ChatMessage.ToolResult(res.call().id(), res.call().name(), res.resultJson()));
                r.outstanding.remove(res.call());
                if (r.outstanding.isEmpty()) {
                    request(r); // the model continues with the results
                }
            }
            case Frame.TtsAudio a -> {
                if (!r.firstByte) {
                    r.firstByte = true;
                    r.firstByteNanos = a.nanos();
                    observer.mark(TurnMark.TTS_FIRST_BYTE, a.nanos());
                }
                replyAudio.append(a.pcm(), audio);
            }
            case Frame.TtsFlushed x -> r.ttsDone |= r.ttsFlushRequested;
            case Frame.TtsFailed e -> {
                LOG.warn("call {}: text-to-speech failed: {}", call.callId(), e.error().getMessage());
                r.ttsDone = true;
            }
        }
    }

    /**
     * The reply was cut: its queued frames are flushed (counted by the queue), and tool calls it
     * left unanswered get an answer, so the history stays valid for the next request.
     */
    void cancelled(BotReply r) {
        active = -1;
        loop.queue().interrupt();
        for (ToolCall c : r.outstanding) {
            history.add(new ChatMessage.ToolResult(c.id(), c.name(), "{\"error\":\"cancelled: the caller interrupted\"}"));
        }
        r.outstanding.clear();
    }

    /** Puts the bot's words into the history: the last round's text, or what was heard of a cut reply. */
    void remember(BotReply r, String heard, boolean cutShort) {
        String text = cutShort || r.rounds == 0 ? heard : r.roundText.toString().strip();
        if (!text.isEmpty() && !(cutShort && r.rounds > 0)) {
            history.add(new ChatMessage.Assistant(text, List.of()));
        }
    }

    private void completed(BotReply r, long nanos) {
        if (r.guard != null && r.guard.blocked()) {
            return; // finished when it was blocked
        }
        if (!r.calls.isEmpty() && r.rounds < settings.maxToolRounds()) {
            List<ToolCall> calls = List.copyOf(r.calls);
            history.add(new ChatMessage.Assistant(r.roundText.toString(), calls));
            r.roundText.setLength(0);
            r.calls.clear();
            r.rounds++;
            r.outstanding.addAll(calls);
            for (ToolCall c : calls) {
                int id = r.id;
                executor.execute(() -> loop.offer(new Frame.ToolResult(id, c, runTool(c))));
            }
            return;
        }
        observer.mark(TurnMark.LLM_DONE, nanos);
        finishText(r);
    }

    private String runTool(ToolCall c) {
        try {
            return tools.run(c);
        } catch (RuntimeException e) {
            LOG.warn("call {}: tool {} failed", call.callId(), c.name(), e);
            return "{\"error\":\"tool failed: " + e.getClass().getSimpleName() + "\"}";
        }
    }

    private void finishText(BotReply r) {
        String tail = r.splitter.flush();
        if (!tail.isEmpty()) {
            say(r, tail);
        }
        if (r.guard != null && !r.guard.blocked()) {
            speak(r, r.guard.finish()); // words held back in case they began a banned phrase
        }
        r.llmDone = true;
        if (!r.spoken.isEmpty()) {
            r.ttsFlushRequested = true;
            tts.flush();
        }
    }

    /** Every word the bot speaks passes here: through the reply's guard, then to speech. */
    private void say(BotReply r, String clause) {
        if (r.guard == null) {
            speak(r, clause);
            return;
        }
        boolean wasBlocked = r.guard.blocked();
        speak(r, r.guard.pass(clause));
        if (!wasBlocked && r.guard.blocked()) {
            // the rest of the reply is never spoken: stop the model, remember only the replacement
            LOG.info("call {}: a reply was blocked by the guardrails", call.callId());
            r.llm.cancel();
            r.calls.clear();
            r.roundText.setLength(0);
            r.roundText.append(r.spoken.toString().strip());
            r.rounds = 0;
            r.splitter.flush();
            finishText(r);
        }
    }

    private void speak(BotReply r, String text) {
        if (!text.isEmpty()) {
            tts.speak(text);
            r.spoken.append(text);
        }
    }

    private void request(BotReply r) {
        LlmRequest request = new LlmRequest(policy.systemPrompt(systemPrompt), history, tools.specs(), settings.temperature(),
                settings.maxTokens());
        r.llm = llm.stream(request, new Listener(r.id));
    }

    /** Tags a completion's events with its reply and queues them; forwards the provider's usage. */
    private final class Listener implements LlmListener {
        private final int id;

        Listener(int id) {
            this.id = id;
        }

        @Override
        public void onText(String delta) {
            loop.offer(new Frame.LlmText(id, delta, nanoTime.getAsLong()));
        }

        @Override
        public void onToolCall(ToolCall c) {
            loop.offer(new Frame.ToolCallRequested(id, c));
        }

        @Override
        public void onComplete(StopReason reason, TokenUsage usage) {
            call.usage().languageModel(llm.vendor(), llm.model(), usage);
            loop.offer(new Frame.LlmDone(id, reason, usage, nanoTime.getAsLong()));
        }

        @Override
        public void onError(ProviderException error) {
            loop.offer(new Frame.LlmFailed(id, error));
        }
    }
}
