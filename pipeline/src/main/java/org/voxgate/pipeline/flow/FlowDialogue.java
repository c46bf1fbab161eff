package org.voxgate.pipeline.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.guard.GuardListener;
import org.voxgate.pipeline.guard.Guardrails;
import org.voxgate.pipeline.tools.Tools;

/**
 * A skillbase flow run without a model, on the local recognizer: the {@link Dialogue} of one
 * call of a bot that has no {@code llm}.
 *
 * <p>Entering a state runs its action first when it has nothing left to collect, then says its
 * {@code say} ({@link SayTemplate}: slots and the action's result filled in). Each caller answer
 * is tried, in order, against the handoff keywords, the state's keyword transitions, and the
 * first missing slot ({@link SlotWords}: yes/no, numbers, dates). A filled slot that completes
 * the state runs its action and moves on: to the following state in a linear flow, to
 * {@code next} when set in a graph, else the bot listens for a transition. A key press is tried
 * against the DTMF transitions, then as a digit for a missing number slot. A state with
 * {@code end} hangs up or hands over after its words.
 *
 * <p>An answer that matched nothing is a misunderstanding: the state is asked again after the
 * retry prefix; {@link HandoffPolicy#afterMisunderstandings()} in a row hand over (saying the
 * handoff message), or, when the bot never hands over, {@code maxAttempts} in a row hang up.
 * Silence likewise re-asks after the no-input prefix and hangs up after {@code maxAttempts}.
 * Every word said passes the bot's guardrails. A failed transfer returns to the start state.
 *
 * <p>Threading: not thread-safe; one per call, on its session thread, which may block here while
 * an action's tool runs.
 */
public final class FlowDialogue implements Dialogue {
    private static final Logger LOG = LoggerFactory.getLogger(FlowDialogue.class);

    /** What the bot says before asking again. */
    public record Prefixes(String retry, String noInput) {
        public static Prefixes forLanguage(String language) {
            return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("es")
                    ? new Prefixes("Perdone, no le he entendido.", "Perdone, no le he oído.")
                    : new Prefixes("Sorry, I did not catch that.", "Sorry, I did not hear anything.");
        }
    }

    private final FlowSpec flow;
    private final HandoffPolicy handoff;
    private final Tools tools;
    private final Guardrails guardrails;
    private final GuardListener guardListener;
    private final Prefixes prefixes;
    private final int maxAttempts;
    private final Clock clock;
    private final ZoneId zone;
    private final SlotWords slotWords;
    private final Map<String, String> slots = new LinkedHashMap<>();
    private String greeting = "";
    private StateSpec state;
    private JsonNode lastResult;
    private int failures;
    private int silences;
    private int actions;

    /**
     * @param flow a flow fit to run without a model ({@link #checkRunnable})
     * @param guardrails the bot's guardrails, or {@code null}
     * @param clock the call's clock, with {@code zone} for "today"
     */
    public FlowDialogue(FlowSpec flow, HandoffPolicy handoff, Tools tools, Guardrails guardrails,
            GuardListener guardListener, String language, int maxAttempts, Clock clock, ZoneId zone) {
        checkRunnable(flow);
        this.flow = flow;
        this.handoff = handoff == null ? HandoffPolicy.DEFAULT : handoff;
        this.tools = tools == null ? Tools.NONE : tools;
        this.guardrails = guardrails;
        this.guardListener = guardListener == null ? GuardListener.NONE : guardListener;
        this.prefixes = Prefixes.forLanguage(language);
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.zone = zone;
        this.slotWords = new SlotWords(language);
    }

    /**
     * Refuses a flow that needs a model: every state must have {@code say}, transitions may use
     * only keywords or DTMF, slots only {@code yes_no}, {@code number} or {@code date}. The
     * message names the field as a JSON Pointer under {@code /flow}.
     */
    public static void checkRunnable(FlowSpec flow) {
        for (int i = 0; i < flow.states().size(); i++) {
            StateSpec s = flow.states().get(i);
            if (s.say().isEmpty()) {
                throw new IllegalArgumentException("/flow/states/" + i + "/say: required when the bot has no llm");
            }
            for (int t = 0; t < s.transitions().size(); t++) {
                if (s.transitions().get(t).isIntent()) {
                    throw new IllegalArgumentException("/flow/states/" + i + "/transitions/" + t
                            + "/intent: intent transitions need an llm");
                }
            }
            for (int k = 0; k < s.slots().size(); k++) {
                SlotType type = s.slots().get(k).type();
                if (type != SlotType.YES_NO && type != SlotType.NUMBER && type != SlotType.DATE) {
                    throw new IllegalArgumentException("/flow/states/" + i + "/slots/" + k + "/type: "
                            + type.jsonName() + " slots need an llm (without one: yes_no, number or date)");
                }
            }
        }
    }

    /** Says {@code greeting} (guarded like every word) before the first state's {@code say}. Call before {@link #start}. */
    public FlowDialogue withGreeting(String greeting) {
        this.greeting = greeting == null ? "" : greeting.strip();
        return this;
    }

    public Map<String, String> slots() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slots));
    }

    @Override
    public Step start() {
        return enter(flow.state(flow.start()), greeting);
    }

    @Override
    public Step next() {
        String to = continuation(state);
        return to == null ? Step.listen("") : enter(flow.state(to), "");
    }

    @Override
    public Step onSpeech(String text) {
        silences = 0;
        if (Words.longestMatch(text, handoff.keywords()) != null) {
            return handOver();
        }
        for (Transition t : state.transitions()) {
            if (!t.keywords().isEmpty() && Words.longestMatch(text, t.keywords()) != null) {
                return enter(flow.state(t.to()), "");
            }
        }
        Optional<SlotSpec> missing = state.firstMissing(slots);
        if (missing.isPresent()) {
            Optional<String> value = slotWords.fill(missing.get().type(), text, LocalDate.now(clock.withZone(zone)));
            if (value.isPresent()) {
                return filled(missing.get(), value.get());
            }
        }
        return misunderstood();
    }

    @Override
    public Step onDigit(char digit) {
        silences = 0;
        for (Transition t : state.transitions()) {
            if (t.dtmf() != null && t.dtmf().charAt(0) == digit) {
                return enter(flow.state(t.to()), "");
            }
        }
        Optional<SlotSpec> missing = state.firstMissing(slots);
        if (missing.isPresent() && missing.get().type() == SlotType.NUMBER && Character.isDigit(digit)) {
            return filled(missing.get(), String.valueOf(digit));
        }
        return misunderstood();
    }

    @Override
    public Step onNoInput() {
        silences++;
        if (silences >= maxAttempts) {
            LOG.info("no answer {} times in {}: hanging up", silences, state.id());
            return new Step("", Then.HANGUP, null, false);
        }
        return ask(prefixes.noInput());
    }

    @Override
    public Step onTransferFailed(String reason) {
        return enter(flow.state(flow.start()), "");
    }

    @Override
    public List<String> expectedPhrases() {
        List<String> phrases = new ArrayList<>(handoff.keywords());
        state.transitions().forEach(t -> phrases.addAll(t.keywords()));
        state.firstMissing(slots).ifPresent(s -> phrases.addAll(slotWords.phrases(s.type())));
        return phrases.stream().map(Words::normalise).filter(p -> !p.isEmpty()).distinct().toList();
    }

    @Override
    public String stateId() {
        return state == null ? null : state.id();
    }

    private Step filled(SlotSpec slot, String value) {
        slots.put(slot.name(), value);
        failures = 0;
        LOG.info("slot {} = {} in {}", slot.name(), value, state.id());
        Optional<SlotSpec> more = state.firstMissing(slots);
        if (more.isPresent()) {
            return Step.listen(guard(more.get().prompt().isEmpty() ? fill(state.say()) : more.get().prompt()));
        }
        runAction(state);
        String to = continuation(state);
        return to == null ? Step.listen("") : enter(flow.state(to), "");
    }

    private Step misunderstood() {
        failures++;
        int limit = handoff.afterMisunderstandings();
        if (limit > 0 && failures >= limit) {
            return handOver();
        }
        if (limit == 0 && failures >= maxAttempts) {
            LOG.info("{} misunderstood answers in {}: hanging up", failures, state.id());
            return new Step("", Then.HANGUP, null, false);
        }
        return ask(prefixes.retry());
    }

    private Step ask(String prefix) {
        Optional<SlotSpec> missing = state.firstMissing(slots);
        boolean begun = state.slots().stream().anyMatch(s -> slots.containsKey(s.name()));
        String question = begun && missing.isPresent() && !missing.get().prompt().isEmpty()
                ? missing.get().prompt() : fill(state.say());
        return Step.listen(guard(prefix + " " + question));
    }

    private Step handOver() {
        failures = 0;
        LOG.info("handing the caller over from {}", state.id());
        return new Step(guard(handoff.message()), Then.TRANSFER, handoff.target(), handoff.warm());
    }

    private Step enter(StateSpec s, String prefix) {
        state = s;
        failures = 0;
        if (s.complete(slots)) {
            runAction(s);
        }
        String say = guard((prefix + " " + fill(s.say())).strip());
        if (s.end() == End.HANGUP) {
            return new Step(say, Then.HANGUP, null, false);
        }
        if (s.end() == End.TRANSFER) {
            return new Step(say, Then.TRANSFER, handoff.target(), handoff.warm());
        }
        boolean goesOn = s.complete(slots) && continuation(s) != null;
        return new Step(say, goesOn ? Then.CONTINUE : Then.LISTEN, null, false);
    }

    /** Where a complete state goes by itself: the linear follower, or a graph state's {@code next}. */
    private String continuation(StateSpec s) {
        return flow.type() == FlowSpec.Type.LINEAR ? flow.following(s) : s.next();
    }

    private void runAction(StateSpec s) {
        if (s.action() != null) {
            // in the order they were collected, so an action's arguments read the same on every run
            lastResult = ActionRunner.run(tools, s.action(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slots)), "-", ++actions);
        }
    }

    private String fill(String template) {
        return SayTemplate.fill(template, slots, lastResult);
    }

    private String guard(String text) {
        return guardrails == null || text.isEmpty() ? text : guardrails.check(text, guardListener);
    }
}
