package org.voxgate.pipeline.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.cascade.ConversationPolicy;
import org.voxgate.pipeline.guard.GuardListener;
import org.voxgate.pipeline.guard.Guardrails;
import org.voxgate.pipeline.guard.ReplyGuard;
import org.voxgate.pipeline.provider.ToolCall;
import org.voxgate.pipeline.provider.ToolSpec;
import org.voxgate.pipeline.tools.ConversationControl;
import org.voxgate.pipeline.tools.Tools;

import static org.voxgate.pipeline.flow.FlowToolReplies.arguments;
import static org.voxgate.pipeline.flow.FlowToolReplies.describe;
import static org.voxgate.pipeline.flow.FlowToolReplies.error;
import static org.voxgate.pipeline.flow.FlowToolReplies.status;
import static org.voxgate.pipeline.flow.FlowToolReplies.text;

/**
 * The flow, handoff and guardrails of one call of a cascade bot with a model: the
 * {@link ConversationPolicy} its engine consults.
 *
 * <p>Per caller turn: handoff keywords and clearly negative sentiment hand over at once; then
 * keyword transitions of the current state are taken without a model round trip (the new
 * state's {@code say} is spoken, or, when it has none, the model answers in the new state). A
 * keyword transition into a state whose action would run on entry is left to the model's
 * {@code go_to_state}, so actions (which may block on a webhook) never run on the engine thread.
 * Otherwise the model answers with the state's part added to the system prompt
 * ({@link StatePrompt}) and may call {@code set_slot} (values checked against the slot's type),
 * {@code go_to_state} (only to the state's transition targets and, in a linear flow, its
 * follower) and {@code cannot_help}. When a state's required slots are all filled its action
 * runs through the bot's {@link Tools}; a linear flow then moves to the following state. A state
 * with {@code end} hangs up or hands over once the reply that entered it has played.
 *
 * <p>A misunderstood turn, in this model-driven mode, is a caller turn the model answered in
 * which it called {@code cannot_help}, or, in a state still missing required slots, neither
 * filled a slot nor moved the flow. {@link HandoffPolicy#afterMisunderstandings()} of them in a
 * row hand the caller over.
 *
 * <p>Threading: thread-safe. Tool calls arrive on tool threads, the rest on the engine thread;
 * state is guarded by this object's lock, and action tools run outside it.
 */
public final class FlowConversation implements ConversationPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(FlowConversation.class);

    private final FlowSpec flow;
    private final HandoffPolicy handoff;
    private final SentimentScorer sentiment;
    private final Guardrails guardrails;
    private final GuardListener guardListener;
    private final CallContext call;
    private final ConversationControl control;
    private final Tools botTools;
    private final Tools tools = new FlowTools();
    private final Map<String, String> slots = new LinkedHashMap<>();
    private StateSpec state;
    private JsonNode lastResult;
    private int misunderstood;
    private boolean answering;
    private boolean progress;
    private boolean cannotHelp;
    private boolean endIssued;
    private int actions;

    /**
     * @param flow the flow, or {@code null} for a free conversation (handoff and guardrails only)
     * @param guardrails the bot's guardrails, or {@code null} for none
     */
    public FlowConversation(FlowSpec flow, HandoffPolicy handoff, SentimentScorer sentiment, Guardrails guardrails,
            GuardListener guardListener, CallContext call, ConversationControl control, Tools botTools) {
        this.flow = flow;
        this.handoff = handoff == null ? HandoffPolicy.DEFAULT : handoff;
        this.sentiment = sentiment;
        this.guardrails = guardrails;
        this.guardListener = guardListener == null ? GuardListener.NONE : guardListener;
        this.call = call;
        this.control = control;
        this.botTools = botTools == null ? Tools.NONE : botTools;
        this.state = flow == null ? null : flow.state(flow.start());
    }

    /**
     * The factory a {@link org.voxgate.pipeline.cascade.CascadeBot} is given ({@code withPolicy}).
     *
     * @param language BCP 47, picks the sentiment word lists
     * @param guardListeners the per-call listener for blocked replies (the app records them)
     */
    public static ConversationPolicy.Factory factory(FlowSpec flow, HandoffPolicy handoff, String language,
            Guardrails guardrails, java.util.function.Function<CallContext, GuardListener> guardListeners) {
        SentimentScorer scorer = SentimentScorer.forLanguage(language);
        return (call, control, botTools) -> new FlowConversation(flow, handoff, scorer, guardrails,
                guardListeners == null ? GuardListener.NONE : guardListeners.apply(call), call, control, botTools);
    }

    public synchronized String stateId() {
        return state == null ? null : state.id();
    }

    public synchronized Map<String, String> slots() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slots));
    }

    @Override
    public synchronized String systemPrompt(String base) {
        if (flow == null) {
            return base;
        }
        String part = StatePrompt.of(flow, state, slots, lastResult, allowedTargets());
        return base.isEmpty() ? part : base + "\n\n" + part;
    }

    @Override
    public Tools tools() {
        return tools;
    }

    @Override
    public ReplyGuard newGuard() {
        return guardrails == null ? null : guardrails.newReply(guardListener);
    }

    @Override
    public synchronized Directive onCallerTurn(String text) {
        String keyword = Words.longestMatch(text, handoff.keywords());
        if (keyword != null) {
            return handOver("the caller said '" + keyword + "'");
        }
        if (handoff.onNegativeSentiment() && sentiment != null && sentiment.isNegative(text)) {
            return handOver("negative sentiment");
        }
        if (flow != null) {
            for (Transition t : state.transitions()) {
                if (!t.keywords().isEmpty() && Words.longestMatch(text, t.keywords()) != null) {
                    StateSpec target = flow.state(t.to());
                    if (target.action() != null && target.complete(slots)) {
                        break; // its action must not run here: the model moves with go_to_state
                    }
                    LOG.info("call {}: '{}' -> state {}", call.callId(), text, target.id());
                    enter(target);
                    misunderstood = 0;
                    if (!target.say().isEmpty()) {
                        return new Directive(SayTemplate.fill(target.say(), slots, lastResult), endAction(target));
                    }
                    break; // the model answers in the new state
                }
            }
        }
        answering = true;
        progress = false;
        cannotHelp = false;
        return null;
    }

    /** A DTMF key: a transition on it is taken like a keyword one; {@code null} when none matches. */
    public synchronized Directive onDigit(char key) {
        if (flow == null) {
            return null;
        }
        for (Transition t : state.transitions()) {
            if (t.dtmf() != null && t.dtmf().charAt(0) == key) {
                StateSpec target = flow.state(t.to());
                enter(target);
                return new Directive(SayTemplate.fill(target.say(), slots, lastResult), endAction(target));
            }
        }
        return null;
    }

    @Override
    public synchronized Directive afterReply() {
        if (state != null && state.end() != null && !endIssued) {
            return new Directive("", endAction(state));
        }
        if (!answering) {
            return null;
        }
        answering = false;
        boolean missed = cannotHelp || flow != null && !progress && !state.complete(slots);
        misunderstood = missed ? misunderstood + 1 : 0;
        int limit = handoff.afterMisunderstandings();
        if (limit > 0 && misunderstood >= limit) {
            return handOver(misunderstood + " misunderstood turns in a row");
        }
        return null;
    }

    private Directive handOver(String why) {
        LOG.info("call {}: handing over ({})", call.callId(), why);
        misunderstood = 0;
        endIssued = true;
        return new Directive(handoff.message(), this::transfer);
    }

    /** What ends the call after {@code s}'s words, or {@code null}. */
    private Runnable endAction(StateSpec s) {
        if (s.end() == null) {
            return null;
        }
        endIssued = true;
        return s.end() == End.HANGUP ? () -> call.hangup("bot_hangup") : this::transfer;
    }

    private void transfer() {
        // a failed transfer is told to the model, which tells the caller; the state is not retried
        call.transfer(new TransferRequest(handoff.target(), handoff.warm(), control::transferFailed));
    }

    private void enter(StateSpec s) {
        state = s;
        progress = true;
        endIssued = false;
    }

    private Set<String> allowedTargets() {
        Set<String> to = new LinkedHashSet<>();
        state.transitions().forEach(t -> to.add(t.to()));
        String following = flow.following(state);
        if (following != null) {
            to.add(following);
        }
        return to;
    }

    // ------------------------------------------------------------------ tools

    private String setSlot(JsonNode args) {
        String name = text(args, "name");
        String value = text(args, "value");
        ActionSpec action;
        StateSpec completed;
        synchronized (this) {
            if (name == null || value == null) {
                return error("name and value are required strings");
            }
            SlotSpec spec = flow.states().stream().flatMap(s -> s.slots().stream())
                    .filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (spec == null) {
                return error("no slot '" + name + "'");
            }
            String canonical = spec.type().canonical(value).orElse(null);
            if (canonical == null) {
                return error("slot '" + name + "' must be " + spec.type().describe() + ", was '" + value + "'");
            }
            boolean wasComplete = state.complete(slots);
            slots.put(name, canonical);
            progress = true;
            completed = !wasComplete && state.complete(slots) ? state : null;
            action = completed == null ? null : completed.action();
        }
        JsonNode result = action == null ? null : runAction(action);
        synchronized (this) {
            if (result != null) {
                lastResult = result;
            }
            if (completed != null && state == completed && flow.following(completed) != null) {
                enter(flow.state(flow.following(completed)));
            }
            ObjectNode out = status("slot " + name + " recorded");
            out.put("value", slots.get(name));
            return describe(out, state, slots, lastResult, result).toString();
        }
    }

    private String goToState(JsonNode args) {
        String to = text(args, "state");
        ActionSpec action;
        synchronized (this) {
            Set<String> allowed = allowedTargets();
            if (to == null || !allowed.contains(to)) {
                return error("state must be one of " + allowed + ", was '" + to + "'");
            }
            enter(flow.state(to));
            action = state.complete(slots) ? state.action() : null;
        }
        JsonNode result = action == null ? null : runAction(action);
        synchronized (this) {
            if (result != null) {
                lastResult = result;
            }
            return describe(status("now in step " + state.id()), state, slots, lastResult, result).toString();
        }
    }

    /** Runs a state's action outside the lock (it may block on a webhook). */
    private JsonNode runAction(ActionSpec action) {
        Map<String, String> values;
        int n;
        synchronized (this) {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slots));
            n = ++actions;
        }
        return ActionRunner.run(botTools, action, values, call.callId(), n);
    }

    /** The bot's tools plus the flow's. */
    private final class FlowTools implements Tools {
        @Override
        public List<ToolSpec> specs() {
            List<ToolSpec> specs = new ArrayList<>();
            if (flow != null) {
                specs.add(FlowToolSpecs.SET_SLOT_SPEC);
                specs.add(FlowToolSpecs.GO_TO_STATE_SPEC);
            }
            if (handoff.afterMisunderstandings() > 0) {
                specs.add(FlowToolSpecs.CANNOT_HELP_SPEC);
            }
            for (ToolSpec s : botTools.specs()) {
                if (handoff.onExplicitRequest() || !s.name().equals("transfer_to_human")) {
                    specs.add(s);
                }
            }
            return specs;
        }

        @Override
        public String run(ToolCall c) {
            JsonNode args = arguments(c.argumentsJson());
            if (args == null) {
                return error("arguments must be a JSON object");
            }
            return switch (c.name()) {
                case FlowToolSpecs.SET_SLOT -> flow == null ? error("no flow") : setSlot(args);
                case FlowToolSpecs.GO_TO_STATE -> flow == null ? error("no flow") : goToState(args);
                case FlowToolSpecs.CANNOT_HELP -> {
                    synchronized (FlowConversation.this) {
                        cannotHelp = true;
                    }
                    yield status("noted").toString();
                }
                default -> botTools.run(c);
            };
        }
    }
}
