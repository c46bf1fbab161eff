package org.voxgate.app;

import java.util.List;
import java.util.Map;

/**
 * One provider of a bot's speech-to-text, language-model or text-to-speech chain, as either
 * source of bots describes it ({@code bots.agents} YAML or a stored skillbase): the neutral
 * form {@link AgentBuilder} makes the client from.
 *
 * <p>Immutable (the collections are copied).
 *
 * @param vendor lower-case vendor ({@code deepgram}, {@code openai}, {@code local}, ...)
 * @param model the vendor's model id, empty for the vendor's default
 * @param options vendor options as strings ({@code language}, {@code voice}, {@code speed}, ...)
 * @param phrases what the local recognizer listens for; empty for every other vendor
 */
record ProviderChoice(String vendor, String model, Map<String, String> options, List<String> phrases) {
    ProviderChoice {
        model = model == null ? "" : model;
        options = Map.copyOf(options);
        phrases = List.copyOf(phrases);
    }
}
