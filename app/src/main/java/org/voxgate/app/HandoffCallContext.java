package org.voxgate.app;

import java.time.Clock;
import java.time.Instant;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.telemetry.TurnObserver;
import org.voxgate.pipeline.telemetry.UsageMeter;

/**
 * A call as a skillbase bot sees it: the same call, except that a transfer without a target
 * goes to the bot's {@link Handoff} target rather than the node's operator, and is warm when
 * the bot's handoff is warm. Whoever asks (the model's {@code transfer_to_human}, a flow state
 * ending in {@code transfer}, a handoff keyword) gets the bot's handoff.
 *
 * <p>Thread-safe: holds no state beyond the wrapped call, which is thread-safe.
 */
final class HandoffCallContext implements CallContext {
    private final CallContext call;
    private final Handoff handoff;

    HandoffCallContext(CallContext call, Handoff handoff) {
        this.call = call;
        this.handoff = handoff;
    }

    @Override
    public void transfer(TransferRequest request) {
        String target = request.target() == null ? handoff.target() : request.target();
        call.transfer(new TransferRequest(target, request.warm() || handoff.warm(), request.listener()));
    }

    @Override public String callId() { return call.callId(); }

    @Override public String caller() { return call.caller(); }

    @Override public String callee() { return call.callee(); }

    @Override public AudioChannel audio() { return call.audio(); }

    @Override public Clock clock() { return call.clock(); }

    @Override public void hangup(String reason) { call.hangup(reason); }

    @Override public void recordTurn(Speaker speaker, String text, Instant start, Instant end) {
        call.recordTurn(speaker, text, start, end);
    }

    @Override public TurnObserver turnObserver() { return call.turnObserver(); }

    @Override public UsageMeter usage() { return call.usage(); }

    @Override public String callerContext() { return call.callerContext(); }

    @Override public void recordToolCall(org.voxgate.pipeline.tools.ToolCallLog toolCall) {
        call.recordToolCall(toolCall);
    }
}
