package org.voxgate.pipeline;

/**
 * A bot running on one call. Ownership: the application stops it on every call end.
 *
 * <p>Threading: {@link #stop()} may be called from any thread and is idempotent; it returns
 * once the session's threads have been told to end (it does not wait for them).
 */
public interface BotSession {
    /**
     * Ends the session. Before it returns the session has let go of the call's audio (its
     * inbound and DTMF listeners are removed), so the caller may attach other listeners right
     * away, for example to join the call to a person after a transfer.
     */
    void stop();
}
