package org.voxgate.pipeline.cascade;

import java.util.ArrayList;
import java.util.List;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.ToolCall;

/**
 * One reply of the bot in the making: its completion rounds (text and tool calls), the text given
 * to speech, and which of its timeline marks were already reported.
 *
 * <p>Threading: not thread-safe; owned by the call's engine.
 */
final class BotReply {
    final int id;
    final boolean interruptible;
    /** What the caller said that this reply answers (empty for the greeting). */
    final String callerText;
    final long startNanos;
    final ClauseSplitter splitter;
    /** Everything given to text-to-speech, in order. */
    final StringBuilder spoken = new StringBuilder();
    /** The current completion round's text (goes into history with the round's tool calls). */
    final StringBuilder roundText = new StringBuilder();
    /** Tool calls of the current round, collected until it completes. */
    final List<ToolCall> calls = new ArrayList<>();
    /** Tool calls run and not yet answered. */
    final List<ToolCall> outstanding = new ArrayList<>();
    int rounds;
    /** Checks every word before speech, or {@code null}. */
    org.voxgate.pipeline.guard.ReplyGuard guard;
    Cancellable llm = () -> {};
    boolean llmDone;
    boolean ttsFlushRequested;
    boolean ttsDone;
    boolean firstToken;
    boolean firstByte;
    long firstAudioNanos = -1;
    /** When the reply's first synthesized audio arrived, or -1. */
    long firstByteNanos = -1;

    BotReply(int id, boolean interruptible, String callerText, long startNanos, int minClauseChars) {
        this.id = id;
        this.interruptible = interruptible;
        this.callerText = callerText;
        this.startNanos = startNanos;
        this.splitter = new ClauseSplitter(minClauseChars);
    }

    /** Nothing more will reach the channel: the text is complete and speech delivered it (or there was none). */
    boolean allSynthesized() {
        return llmDone && (spoken.isEmpty() || ttsDone);
    }

    /**
     * What the caller heard, estimated: speech does not align audio with text, so the spoken text
     * is cut in proportion to the audio played, at a word boundary.
     */
    String heard(int playedSamples, int receivedSamples) {
        if (receivedSamples <= 0 || playedSamples <= 0) {
            return "";
        }
        if (playedSamples >= receivedSamples && allSynthesized()) {
            return spoken.toString().strip();
        }
        int chars = (int) ((long) spoken.length() * playedSamples / receivedSamples);
        int cut = Math.min(chars, spoken.length());
        while (cut > 0 && cut < spoken.length() && !Character.isWhitespace(spoken.charAt(cut))) {
            cut--;
        }
        return spoken.substring(0, cut).strip();
    }
}
