package org.voxgate.pipeline.frame;

import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;

/**
 * One typed unit of work flowing through a call's conversation engine (after pipecat's frames).
 *
 * <p>{@link Urgent} frames (interruption, end of call, cancellation) overtake every queued data
 * frame and survive an interruption. {@link Data} frames come in two directions: {@link
 * CallerFrame}s carry what the caller did (audio, transcripts) and are what the next turn answers,
 * so an interruption keeps them; {@link ReplyFrame}s carry the bot's reply in the making (LLM text,
 * tool results, synthesized audio) and are flushed by an interruption.
 *
 * <p>Threading and ownership: frames are immutable once offered, except that the {@code pcm}
 * arrays of audio frames are owned by the frame (the producer copied into it) and read by the one
 * consumer.
 */
public sealed interface Frame {

    /** Frames that jump the queue and survive an interruption. */
    sealed interface Urgent extends Frame {}

    /** Frames processed in arrival order behind urgent ones. */
    sealed interface Data extends Frame {}

    /** What the caller did; kept by an interruption. */
    sealed interface CallerFrame extends Data {}

    /** Part of one bot reply, identified by {@link #replyId()}; flushed by an interruption. */
    sealed interface ReplyFrame extends Data {
        /** The reply this frame belongs to; frames of an older reply are stale. */
        int replyId();
    }

    // ------------------------------------------------------------------ urgent

    /** The caller cut in: in-flight reply work stops. */
    record Interruption(long nanos) implements Urgent {}

    /** The call is ending; the engine releases everything. */
    record EndOfCall(String reason) implements Urgent {}

    /** Abandon one reply (for example a failover gave up). */
    record CancelReply(int replyId) implements Urgent {}

    // ------------------------------------------------------------------ caller

    /**
     * One 20 ms frame of caller audio, copied off the media thread at {@code nanos}. The array is
     * lent to the consumer until it has handled the frame; the producer may then reuse it.
     */
    record AudioIn(short[] pcm, long nanos) implements CallerFrame {}

    /** A transcript piece from speech-to-text. */
    record Transcript(String text, boolean isFinal, long nanos) implements CallerFrame {}

    /** The speech-to-text provider says the caller's turn is over. */
    record ProviderEndOfTurn(long nanos) implements CallerFrame {}

    /** The speech-to-text provider failed for good. */
    record SttFailed(ProviderException error) implements CallerFrame {}

    /** The first packet of queued bot audio left for the caller at {@code nanos}. */
    record PlaybackStarted(long nanos) implements CallerFrame {}

    /** The call is up: the engine speaks its greeting. */
    record CallStarted(long nanos) implements CallerFrame {}

    /** A tool asked to end the call once the current reply has played. */
    record HangupAfterReply(String reason) implements CallerFrame {}

    /** A transfer the bot asked for failed; the caller is still here. */
    record TransferFailed(String reason) implements CallerFrame {}

    /** The caller pressed a key (RFC 4733 or SIP INFO, decoded by the media layer). */
    record Dtmf(char digit, long nanos) implements CallerFrame {}

    // ------------------------------------------------------------------ reply

    /** A piece of the model's reply text. */
    record LlmText(int replyId, String delta, long nanos) implements ReplyFrame {}

    /** The model called a tool. */
    record ToolCallRequested(int replyId, ToolCall call) implements ReplyFrame {}

    /** A tool finished; its JSON result goes back to the model. */
    record ToolResult(int replyId, ToolCall call, String resultJson) implements ReplyFrame {}

    /** The completion ended normally. */
    record LlmDone(int replyId, LlmListener.StopReason reason, TokenUsage usage, long nanos)
            implements ReplyFrame {}

    /** The completion failed. */
    record LlmFailed(int replyId, ProviderException error) implements ReplyFrame {}

    /** Synthesized audio for the reply (8 kHz PCM, owned by the frame). */
    record TtsAudio(int replyId, short[] pcm, long nanos) implements ReplyFrame {}

    /** Everything the reply gave text-to-speech has been synthesized. */
    record TtsFlushed(int replyId) implements ReplyFrame {}

    /** Text-to-speech failed for good. */
    record TtsFailed(int replyId, ProviderException error) implements ReplyFrame {}
}
