package org.voxgate.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.telemetry.TurnObserver;
import org.voxgate.pipeline.telemetry.UsageMeter;
import org.voxgate.pipeline.tools.ToolCallLog;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.EndReason;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.ToolCallRecord;
import org.voxgate.store.TurnRecord;

/**
 * What a bot sees of its call: the SIP layer's {@link ActiveCall} for audio and hang-up, the
 * durable writer for its turns and tool calls, and the call's {@link CallTelemetry} for its turn timeline and
 * provider usage.
 *
 * <p>Thread-safe: turn numbers come from an atomic counter; the writer, the call and the
 * telemetry are thread-safe.
 */
final class BotCallContext implements CallContext {
    private final ActiveCall call;
    private final CallRecordWriter writer;
    private final Clock clock;
    private final CallTransfers transfers;
    private final CallTelemetry telemetry;
    private final AtomicInteger turnSeq = new AtomicInteger();
    private final String callerContext;
    private final AtomicInteger toolSeq = new AtomicInteger();

    BotCallContext(ActiveCall call, CallRecordWriter writer, Clock clock, CallTransfers transfers,
            CallTelemetry telemetry) {
        this(call, writer, clock, transfers, telemetry, "");
    }

    /** @param callerContext what is known about the caller (see {@link CallerContexts}); "" for nothing */
    BotCallContext(ActiveCall call, CallRecordWriter writer, Clock clock, CallTransfers transfers,
            CallTelemetry telemetry, String callerContext) {
        this.callerContext = callerContext == null ? "" : callerContext;
        this.call = call;
        this.writer = writer;
        this.clock = clock;
        this.transfers = transfers;
        this.telemetry = telemetry;
    }

    @Override public String callId() { return call.callId(); }

    @Override public String caller() { return call.from(); }

    @Override public String callee() { return call.to(); }

    @Override public String callerContext() { return callerContext; }

    @Override public AudioChannel audio() { return call.media(); }

    @Override public Clock clock() { return clock; }

    @Override
    public void hangup(String reason) {
        telemetry.botHungUp(reason); // "voicemail" makes the outcome VOICEMAIL
        call.hangup(switch (reason) {
            case "bot_unavailable", "bridge_unreachable" -> EndReason.BOT_UNAVAILABLE;
            case "bot_error" -> EndReason.ERROR;
            default -> EndReason.BOT_HANGUP;
        });
    }

    @Override
    public void transfer(TransferRequest request) {
        transfers.transfer(call, request);
    }

    @Override
    public TurnObserver turnObserver() {
        return telemetry.turns();
    }

    @Override
    public UsageMeter usage() {
        return telemetry.cost();
    }

    @Override
    public void recordTurn(Speaker speaker, String text, Instant start, Instant end) {
        telemetry.said(speaker, text);
        writer.turnAdded(call.callId(), new TurnRecord(turnSeq.incrementAndGet(),
                speaker.name().toLowerCase(Locale.ROOT), text, start, end));
    }

    @Override
    public void recordToolCall(ToolCallLog toolCall) {
        writer.toolCallAdded(call.callId(), new ToolCallRecord(toolSeq.incrementAndGet(), toolCall.tool(),
                toolCall.argumentsJson(), toolCall.resultJson(), toolCall.ok(), toolCall.error(),
                toolCall.startedAt(), toolCall.durationMs()));
    }
}
