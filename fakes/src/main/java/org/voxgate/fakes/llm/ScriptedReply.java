package org.voxgate.fakes.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * What a fake language model streams back for one request, vendor-neutral: the text in the
 * pieces it arrives in, the tool calls with their arguments split into the fragments they
 * arrive in, the token counts, and optionally a break part-way. Immutable; build it with
 * {@link #text} and the {@code with...} methods.
 *
 * @param text text deltas, in order (may be empty)
 * @param toolCalls tool calls, in order, after the text (may be empty)
 * @param usage token counts reported at the end
 * @param stopReason the vendor's own stop reason, or {@code null} for the natural one
 *     ({@code stop}/{@code end_turn}, or {@code tool_calls}/{@code tool_use} when there are calls)
 * @param breakAfter how many events go out before the stream breaks, or -1 for no break
 * @param breakMode how it breaks
 */
public record ScriptedReply(List<String> text, List<ToolCallScript> toolCalls, Usage usage, String stopReason,
        int breakAfter, Break breakMode) {
    public ScriptedReply {
        text = List.copyOf(text);
        toolCalls = List.copyOf(toolCalls);
    }

    /** How a stream breaks part-way. */
    public enum Break {
        /** The vendor's mid-stream error event, then the response ends (no end marker). */
        ERROR_EVENT,
        /** The connection is dropped without ending the response. */
        DROP
    }

    /**
     * Token counts. {@code input} includes the {@code cached} tokens (OpenAI's way); the
     * Anthropic fake reports {@code input - cached} as {@code input_tokens}, which is how
     * Anthropic counts, so a correct client maps both back to the same numbers.
     */
    public record Usage(long input, long cached, long output) {}

    /** A tool call whose JSON arguments arrive split into {@code argumentFragments}. */
    public record ToolCallScript(String id, String name, List<String> argumentFragments) {
        public ToolCallScript {
            argumentFragments = List.copyOf(argumentFragments);
        }

        /** The whole arguments text. */
        public String arguments() {
            return String.join("", argumentFragments);
        }
    }

    /** A reply made of these text deltas, with small default token counts. */
    public static ScriptedReply text(String... deltas) {
        return new ScriptedReply(List.of(deltas), List.of(), new Usage(10, 0, deltas.length), null, -1,
                Break.ERROR_EVENT);
    }

    /** A reply that says {@code sentence} one word (with its following space) per delta. */
    public static ScriptedReply words(String sentence) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sentence.length(); i++) {
            if (i == sentence.length() || sentence.charAt(i - 1) == ' ') {
                if (i > start) {
                    pieces.add(sentence.substring(start, i));
                }
                start = i;
            }
        }
        return text(pieces.toArray(String[]::new));
    }

    /** The same reply with one more tool call after the text. */
    public ScriptedReply withToolCall(String id, String name, String... argumentFragments) {
        List<ToolCallScript> calls = new ArrayList<>(toolCalls);
        calls.add(new ToolCallScript(id, name, List.of(argumentFragments)));
        return new ScriptedReply(text, calls, usage, stopReason, breakAfter, breakMode);
    }

    /** The same reply with these token counts ({@code input} includes {@code cached}). */
    public ScriptedReply withUsage(long input, long cached, long output) {
        return new ScriptedReply(text, toolCalls, new Usage(input, cached, output), stopReason, breakAfter, breakMode);
    }

    /** The same reply ending with this vendor stop reason (e.g. {@code length}, {@code max_tokens}). */
    public ScriptedReply withStopReason(String reason) {
        return new ScriptedReply(text, toolCalls, usage, reason, breakAfter, breakMode);
    }

    /** The same reply, breaking after {@code events} events (pings and the first chunk count). */
    public ScriptedReply breakingAfter(int events, Break how) {
        return new ScriptedReply(text, toolCalls, usage, stopReason, events, how);
    }
}
