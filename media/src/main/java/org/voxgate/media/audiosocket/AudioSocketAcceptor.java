package org.voxgate.media.audiosocket;

/**
 * Receives each AudioSocket session once its UUID has arrived.
 *
 * <p>Threading: called on the connection's own virtual thread before any audio of the session
 * is read, so listeners set on {@link AudioSocketSession#audio()} here miss nothing. It may
 * block briefly (for example to write a call record); audio waits meanwhile. An exception
 * hangs the session up.
 */
@FunctionalInterface
public interface AudioSocketAcceptor {
    void accept(AudioSocketSession session);
}
