package org.voxgate.pipeline.speech;

/**
 * A speech engine (synthesizer or recognizer) failed or is not installed. The message names
 * the engine and what went wrong (and, when something is not installed, the package to install).
 *
 * <p>Threading: immutable once thrown.
 */
public class SpeechException extends RuntimeException {
    public SpeechException(String message) {
        super(message);
    }

    public SpeechException(String message, Throwable cause) {
        super(message, cause);
    }
}
