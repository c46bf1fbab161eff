package org.voxgate.pipeline.offline;

import java.util.List;
import org.voxgate.pipeline.flow.Dialogue;

/**
 * A {@link FlowDefinition} (the built-in receptionist's) as a {@link Dialogue}: a phrase or key
 * leads to the next state; a miss or silence re-prompts with the flow's prefix, and
 * {@code maxAttempts} failures in one state lead to the flow's give-up state.
 *
 * <p>Threading: not thread-safe; one per call, on its session thread.
 */
final class DefinitionDialogue implements Dialogue {
    private final FlowDefinition flow;
    private final int maxAttempts;
    private FlowState state;
    private int failures;

    DefinitionDialogue(FlowDefinition flow, int maxAttempts) {
        this.flow = flow;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public Step start() {
        return enter(flow.initialState(), null);
    }

    @Override
    public Step next() {
        return enter(state.autoNext(), null);
    }

    @Override
    public Step onSpeech(String text) {
        String next = state.nextForSpeech(text);
        return next == null ? retry(flow.retryPrefix()) : enter(next, null);
    }

    @Override
    public Step onDigit(char digit) {
        String next = state.nextForDigit(digit);
        return next == null ? retry(flow.retryPrefix()) : enter(next, null);
    }

    @Override
    public Step onNoInput() {
        return retry(flow.noInputPrefix());
    }

    @Override
    public Step onTransferFailed(String reason) {
        return enter(state.autoNext(), null);
    }

    @Override
    public List<String> expectedPhrases() {
        return state.expectedPhrases();
    }

    @Override
    public String stateId() {
        return state == null ? null : state.id();
    }

    private Step retry(String prefix) {
        failures++;
        return failures >= maxAttempts ? enter(flow.giveUpState(), null) : enter(state.id(), prefix);
    }

    private Step enter(String id, String prefix) {
        if (state == null || !state.id().equals(id)) {
            failures = 0;
        }
        state = flow.state(id);
        String say = prefix == null ? state.prompt() : prefix + " " + state.prompt();
        if (state.transfer() != FlowState.Transfer.NONE) {
            return new Step(say, Then.TRANSFER, null, state.transfer() == FlowState.Transfer.WARM);
        }
        if (state.hangup()) {
            return new Step(say, Then.HANGUP, null, false);
        }
        return new Step(say, state.autoNext() != null ? Then.CONTINUE : Then.LISTEN, null, false);
    }
}
