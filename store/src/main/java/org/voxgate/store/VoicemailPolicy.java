package org.voxgate.store;

/**
 * What a campaign does when an answering machine picks up.
 *
 * <p>Immutable and thread-safe.
 *
 * @param action  hang up, or leave {@code message}
 * @param message what the bot says after the beep; required (non-blank) for {@link Action#LEAVE_MESSAGE},
 *                otherwise may be {@code null}
 */
public record VoicemailPolicy(Action action, String message) {

    /** The two things to do on a machine. */
    public enum Action {
        HANG_UP, LEAVE_MESSAGE
    }

    public VoicemailPolicy {
        if (action == null) {
            throw new IllegalArgumentException("voicemail.action is required");
        }
        if (action == Action.LEAVE_MESSAGE && (message == null || message.isBlank())) {
            throw new IllegalArgumentException("voicemail.message is required to leave a message");
        }
    }
}
