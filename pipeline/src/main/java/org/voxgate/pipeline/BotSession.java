package org.voxgate.pipeline;

/**
 * A bot running on one call. Ownership: the application stops it on every call end.
 *
 * <p>Threading: {@link #stop()} may be called from any thread and is idempotent; it returns
 * once the session's threads have been told to end (it does not wait for them).
 */
public interface BotSession {
    void stop();
}
