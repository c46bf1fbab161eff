package org.voxgate.media.audiosocket;

import java.util.UUID;
import java.util.function.Consumer;
import org.voxgate.media.AudioChannel;

/**
 * One accepted AudioSocket connection: Asterisk's stream id, the call's audio, and its end.
 *
 * <p>Threading: every method is thread-safe. Ownership: the session belongs to the
 * {@link AudioSocketServer}, which closes it on hang-up, on a broken connection and when the
 * server closes; the acceptor only uses it.
 */
public interface AudioSocketSession {
    /** The UUID Asterisk's dialplan passed to {@code AudioSocket(uuid, host:port)}. */
    UUID uuid();

    /** The caller's audio both ways: 8 kHz 16-bit mono in 20 ms frames. */
    AudioChannel audio();

    /** The remote address, for logs. */
    String remote();

    /**
     * Ends the session from our side: sends the hang-up message ({@code 0x00}), closes the
     * connection, and reports {@link #LOCAL_HANGUP} to the close listener. Idempotent.
     */
    void hangup();

    /**
     * Sets the listener told once, with the reason, when the session ends:
     * {@link #REMOTE_HANGUP}, {@link #LOCAL_HANGUP}, {@link #CONNECTION_LOST} or
     * {@code "remote_error:<code>"}. If it has already ended the listener is called at once.
     * Called on the connection's reader thread or the thread that hung up.
     */
    void onClosed(Consumer<String> listener);

    /** Asterisk sent the hang-up message or closed the connection between messages. */
    String REMOTE_HANGUP = "remote_hangup";
    /** We hung up ({@link #hangup()} or the server closed). */
    String LOCAL_HANGUP = "local_hangup";
    /** The connection broke mid-message or sent what the protocol does not allow. */
    String CONNECTION_LOST = "connection_lost";
}
