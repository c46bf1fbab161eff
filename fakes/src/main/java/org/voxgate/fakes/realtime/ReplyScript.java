package org.voxgate.fakes.realtime;

/**
 * What a realtime fake says and does on the caller's next turns. Immutable.
 *
 * @param userTranscript what the fake "heard" the caller say
 * @param replyTranscript the transcript of the reply (sent word by word with the audio)
 * @param replyMillis length of the reply's tone
 * @param chunkIntervalMillis wall time between 20 ms audio chunks (20 is real time)
 * @param toolName a function the model calls before replying, or {@code null}
 * @param toolArguments its arguments as JSON text
 */
public record ReplyScript(String userTranscript, String replyTranscript, int replyMillis, int chunkIntervalMillis,
        String toolName, String toolArguments) {
    /** A reply without tool calls, generated four times faster than real time. */
    public static ReplyScript reply(String userTranscript, String replyTranscript, int replyMillis) {
        return new ReplyScript(userTranscript, replyTranscript, replyMillis, 5, null, null);
    }

    /** The same, with audio chunks of 20 ms sent every {@code millis} ms. */
    public ReplyScript pacedEvery(int millis) {
        return new ReplyScript(userTranscript, replyTranscript, replyMillis, millis, toolName, toolArguments);
    }

    /** The same, but the model first calls {@code name} and answers after the result. */
    public ReplyScript withToolCall(String name, String argumentsJson) {
        return new ReplyScript(userTranscript, replyTranscript, replyMillis, chunkIntervalMillis, name, argumentsJson);
    }
}
