package org.voxgate.pipeline.cascade;

import org.voxgate.pipeline.guard.ReplyGuard;
import org.voxgate.pipeline.tools.Tools;

/**
 * What a bot's own rules (its flow, handoff and guardrails) decide on one call of a
 * {@link CascadeBot}; the engine consults it at four points and keeps no rule of its own.
 *
 * <ul>
 *   <li>{@link #systemPrompt} for every completion (the flow adds the current state's part);
 *   <li>{@link #tools} the model is offered (the flow adds {@code set_slot} and
 *       {@code go_to_state} to the bot's tools);
 *   <li>{@link #onCallerTurn} for each finished caller turn, before the model: it may answer
 *       the turn itself (a keyword transition, a handoff) without a model round trip;
 *   <li>{@link #afterReply} once each reply has played: it may end the call or hand over;
 *   <li>{@link #newGuard} for each reply, so every word spoken passes the guardrails.
 * </ul>
 *
 * <p>Threading: {@link #tools()}'s {@code run} is called on tool threads, everything else on the
 * call's engine thread; implementations synchronise what the two share.
 */
public interface ConversationPolicy {
    /** The system prompt for the next completion, given the bot's base prompt. */
    default String systemPrompt(String base) {
        return base;
    }

    /** The tools offered to the model; called once at the start of the call. */
    Tools tools();

    /** A finished caller turn: {@code null} lets the model answer, else the engine does as told. */
    default Directive onCallerTurn(String text) {
        return null;
    }

    /** A key the caller pressed: {@code null} ignores it, else the engine does as told. */
    default Directive onDigit(char digit) {
        return null;
    }

    /** A reply has played out: {@code null} to carry on, else the engine does as told. */
    default Directive afterReply() {
        return null;
    }

    /** A guard for the next reply, or {@code null} for none. */
    default ReplyGuard newGuard() {
        return null;
    }

    /**
     * What the engine does instead of asking the model: speak {@code say} (when not empty),
     * then, once it has played, run {@code then} (when not {@code null}: a hang-up or transfer).
     *
     * <p>Threading: immutable; {@code then} runs on the engine thread and must not block.
     */
    record Directive(String say, Runnable then) {
        public Directive {
            say = say == null ? "" : say.strip();
        }
    }

    /** Makes the policy of one call. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param call the call
         * @param control the engine's control, for hang-up after a reply and failed transfers
         * @param botTools the bot's own tools on this call
         */
        ConversationPolicy create(org.voxgate.pipeline.CallContext call,
                org.voxgate.pipeline.tools.ConversationControl control, Tools botTools);

        /** The bot's tools and nothing else. */
        Factory NONE = (call, control, botTools) -> () -> botTools;
    }
}
