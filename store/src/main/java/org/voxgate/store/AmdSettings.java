package org.voxgate.store;

/**
 * Answering-machine detection for a campaign's calls.
 *
 * <p>Immutable and thread-safe.
 *
 * @param enabled    whether calls are classified at all
 * @param classifier what decides human or machine; {@code null} is read as {@link Classifier#NONE}
 */
public record AmdSettings(boolean enabled, Classifier classifier) {

    /** The deciders: none (timing heuristics only), speech-to-text keywords, or an LLM. */
    public enum Classifier {
        NONE, STT, LLM
    }

    public AmdSettings {
        if (classifier == null) {
            classifier = Classifier.NONE;
        }
    }
}
