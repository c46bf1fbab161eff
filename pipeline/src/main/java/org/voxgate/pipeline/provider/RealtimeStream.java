package org.voxgate.pipeline.provider;

/**
 * One call's conversation with a realtime model.
 *
 * <p>Threading: {@link #sendAudio} from one thread (the call's pipeline); the others from any
 * thread. Nothing blocks. Ownership: {@code sendAudio} copies what it needs.
 */
public interface RealtimeStream extends AutoCloseable {
    /** Sends caller audio: 8 kHz mono PCM. */
    void sendAudio(short[] pcm, int offset, int length);

    /**
     * The caller barged in while the model's reply was playing: cancels the response if it is
     * still being generated and truncates the conversation at {@code playedMillis} of that
     * reply's audio, what the caller actually heard (OpenAI {@code conversation.item.truncate}).
     */
    void interrupt(long playedMillis);

    /** Returns a tool's result to the model, which then goes on with its reply. */
    void sendToolResult(ToolCall call, String resultJson);

    /** Ends the conversation. Idempotent. */
    @Override
    void close();
}
