package org.voxgate.pipeline.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds a voice bot's system prompt: the house prompt (how to talk on the phone), then the
 * bot's role, style, safety rules and facts, then how to handle the call (tools, handing over),
 * then what is known about the caller, then the
 * language to reply in. Empty parts are left out, so a bot with no context gets the house
 * prompt alone.
 *
 * <p>Immutable: every {@code with...} returns a new builder, so one bot's builder can be kept
 * and given each call's caller context without the calls seeing each other's. Thread-safe.
 */
public final class PromptBuilder {
    private static final String CALLER_CONTEXT_LEAD = "About this caller: ";

    /**
     * The house prompt. Written for text-to-speech: whatever the model writes is read out loud,
     * so anything visual (markdown, lists, emoji, URLs spelled as typed) becomes noise.
     */
    public static final String HOUSE_PROMPT = String.join("\n",
            "You are a voice assistant on a phone call. Everything you write is read aloud to the caller by a "
                    + "speech synthesizer, so write exactly what should be spoken.",
            "Speak naturally and briefly: one or two short sentences per turn, then let the caller talk. "
                    + "Ask one question at a time.",
            "Never use markdown, bullet points, numbered lists, headings, emoji or special symbols. If you have "
                    + "several things to say, say them as a short sentence.",
            "Write numbers, dates, times, prices and phone numbers the way a person would say them: "
                    + "\"Tuesday the fourth of March at half past two\", \"forty-five dollars\", and phone numbers "
                    + "digit by digit.",
            "The caller's words come from speech recognition and may contain mistakes. If something is unclear "
                    + "or does not make sense, ask the caller to repeat it rather than guessing.",
            "Never invent facts, names, prices, availability or promises. If you do not know, say so plainly and "
                    + "offer what you can do instead.");

    private final String base;
    private final String role;
    private final String style;
    private final List<String> safetyRules;
    private final List<String> facts;
    private final List<String> instructions;
    private final String callerContext;
    private final String language;

    private PromptBuilder(String base, String role, String style, List<String> safetyRules, List<String> facts,
            List<String> instructions, String callerContext, String language) {
        this.base = clean(base);
        this.role = clean(role);
        this.style = clean(style);
        this.safetyRules = cleanList(safetyRules);
        this.facts = cleanList(facts);
        this.instructions = cleanList(instructions);
        this.callerContext = clean(callerContext);
        this.language = clean(language);
    }

    /** A builder with the house prompt and nothing else. */
    public static PromptBuilder house() {
        return new PromptBuilder(HOUSE_PROMPT, "", "", List.of(), List.of(), List.of(), "", "");
    }

    /** Replaces the house prompt (an operator who wants different house rules for every bot). */
    public PromptBuilder withBase(String base) {
        return new PromptBuilder(base, role, style, safetyRules, facts, instructions, callerContext, language);
    }

    /** Who the bot is ("You are the receptionist of the Voxgate dental clinic."). */
    public PromptBuilder withRole(String role) {
        return new PromptBuilder(base, role, style, safetyRules, facts, instructions, callerContext, language);
    }

    /** How the bot talks ("Warm, brief."). */
    public PromptBuilder withStyle(String style) {
        return new PromptBuilder(base, role, style, safetyRules, facts, instructions, callerContext, language);
    }

    /** Rules the bot must never break; blank entries are dropped. */
    public PromptBuilder withSafetyRules(List<String> rules) {
        return new PromptBuilder(base, role, style, rules, facts, instructions, callerContext, language);
    }

    /** Facts the bot may use when answering; blank entries are dropped. */
    public PromptBuilder withFacts(List<String> facts) {
        return new PromptBuilder(base, role, style, safetyRules, facts, instructions, callerContext, language);
    }

    /**
     * How the bot uses its tools and when it hands over ("If the caller asks for a person, call
     * transfer_to_human."); blank entries are dropped.
     */
    public PromptBuilder withInstructions(List<String> instructions) {
        return new PromptBuilder(base, role, style, safetyRules, facts, instructions, callerContext, language);
    }

    /** What is known about this caller ("This caller has called 3 times this week."); per call. */
    public PromptBuilder withCallerContext(String callerContext) {
        return new PromptBuilder(base, role, style, safetyRules, facts, instructions, callerContext, language);
    }

    /**
     * {@code systemPrompt} with what is known about the caller added as {@link #build} adds it:
     * for bots whose prompt was built without it (every call has its own caller).
     */
    public static String withCallerContext(String systemPrompt, String callerContext) {
        if (callerContext == null || callerContext.isBlank()) {
            return systemPrompt;
        }
        String about = CALLER_CONTEXT_LEAD + callerContext.strip();
        return systemPrompt.isEmpty() ? about : systemPrompt + "\n\n" + about;
    }

    /** The BCP 47 language the caller speaks (for example {@code es-ES}); blank for no instruction. */
    public PromptBuilder withLanguage(String languageTag) {
        return new PromptBuilder(base, role, style, safetyRules, facts, instructions, callerContext, languageTag);
    }

    /** The system prompt: the non-empty parts, separated by blank lines. */
    public String build() {
        List<String> parts = new ArrayList<>();
        add(parts, base);
        add(parts, role);
        if (!style.isEmpty()) {
            parts.add("Style: " + style);
        }
        if (!safetyRules.isEmpty()) {
            // one rule per line: rules are separate obligations and read more reliably apart
            parts.add("Rules you must always follow, whatever the caller says:\n" + lines(safetyRules));
        }
        if (!facts.isEmpty()) {
            parts.add("Facts you can rely on (anything not stated here you do not know):\n" + lines(facts));
        }
        if (!instructions.isEmpty()) {
            parts.add("How to handle the call:\n" + lines(instructions));
        }
        if (!callerContext.isEmpty()) {
            parts.add(CALLER_CONTEXT_LEAD + callerContext);
        }
        if (!language.isEmpty()) {
            parts.add(languageInstruction(language));
        }
        return String.join("\n\n", parts);
    }

    @Override
    public String toString() {
        return build();
    }

    /** "Reply only in Spanish (es-ES) ..." for a BCP 47 tag; the tag alone when Java does not know its name. */
    static String languageInstruction(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        String name = locale.getDisplayLanguage(Locale.ENGLISH);
        String said = name.isEmpty() || name.equalsIgnoreCase(tag) ? tag : name + " (" + tag + ")";
        return "The caller speaks " + said + ". Reply only in " + (name.isEmpty() ? tag : name)
                + ", even though these instructions are written in English.";
    }

    private static void add(List<String> parts, String text) {
        if (!text.isEmpty()) {
            parts.add(text);
        }
    }

    private static String lines(List<String> items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("- ").append(item);
        }
        return out.toString();
    }

    private static String clean(String text) {
        return text == null ? "" : text.strip();
    }

    private static List<String> cleanList(List<String> items) {
        if (items == null) {
            return List.of();
        }
        return items.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }
}
