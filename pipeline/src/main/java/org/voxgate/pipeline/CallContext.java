package org.voxgate.pipeline;

import java.time.Clock;
import java.time.Instant;
import org.voxgate.media.AudioChannel;
import org.voxgate.pipeline.telemetry.TurnObserver;
import org.voxgate.pipeline.telemetry.UsageMeter;

/**
 * What a bot session may see and do on its call. Implemented by the application.
 *
 * <p>Threading: every method is thread-safe and non-blocking.
 */
public interface CallContext {
    /** SIP Call-ID, for logs. */
    String callId();

    /** Caller's number or user part. */
    String caller();

    /** Dialled number or user part. */
    String callee();

    /** The call's audio, both ways. */
    AudioChannel audio();

    /** Time source for turn timing; tests pass a fixed or stepped clock. */
    Clock clock();

    /** Ends the call with a BYE; {@code reason} is recorded (for example {@code bot_hangup}). */
    void hangup(String reason);

    /**
     * Hands the caller over as {@code request} says. Returns at once. When the transfer
     * succeeds the call leaves the bot (its session is stopped); when it fails the bot is told
     * through the request's listener and keeps the caller.
     */
    void transfer(TransferRequest request);

    /** Records one finished turn of the conversation. */
    void recordTurn(Speaker speaker, String text, Instant start, Instant end);

    /** Where the call's turn timeline goes (latency figures, interruptions, dead air). */
    default TurnObserver turnObserver() {
        return TurnObserver.NONE;
    }

    /** Where the call's provider usage goes (cost). */
    default UsageMeter usage() {
        return UsageMeter.NONE;
    }

    /**
     * What is known about the caller from earlier calls and the operators' profile, as one or
     * two sentences for the system prompt (for example "This caller has called 3 times in the
     * last 7 days (5 in all); the last call, on 21 November, ended TRANSFERRED. Tags: vip.");
     * empty for a first-time caller or when nothing is known. Computed once when the call
     * starts, so reading it does not block.
     */
    default String callerContext() {
        return "";
    }

    /**
     * Records one finished tool call (name, arguments, result, outcome, duration) on the call's
     * record. Must not block on I/O. The default forgets it (contexts without a record).
     */
    default void recordToolCall(org.voxgate.pipeline.tools.ToolCallLog toolCall) {
    }

    /** Who spoke a turn. */
    enum Speaker { CALLER, BOT }
}
