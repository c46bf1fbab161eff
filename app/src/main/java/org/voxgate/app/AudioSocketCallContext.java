package org.voxgate.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxgate.media.AudioChannel;
import org.voxgate.media.audiosocket.AudioSocketSession;
import org.voxgate.pipeline.CallContext;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.TurnRecord;

/**
 * What a bot sees of a call that came in over Asterisk AudioSocket: the session's audio, a
 * hang-up that sends AudioSocket's hang-up message, and the durable writer for its turns.
 * Transfers are refused (the bot is told at once): AudioSocket has no way to redirect the
 * channel; the Asterisk dialplan continues after {@code AudioSocket()} returns instead.
 *
 * <p>Thread-safe: the bot's hang-up reason is set once (first wins); turn numbers are atomic.
 */
final class AudioSocketCallContext implements CallContext {
    private final String callId;
    private final AudioSocketSession session;
    private final CallRecordWriter writer;
    private final Clock clock;
    private final AtomicInteger turnSeq = new AtomicInteger();
    private volatile String hangupReason;

    AudioSocketCallContext(String callId, AudioSocketSession session, CallRecordWriter writer, Clock clock) {
        this.callId = callId;
        this.session = session;
        this.writer = writer;
        this.clock = clock;
    }

    @Override public String callId() { return callId; }

    /** The stream's UUID: what Asterisk's dialplan knows the channel by. */
    @Override public String caller() { return session.uuid().toString(); }

    @Override public String callee() { return "audiosocket"; }

    @Override public AudioChannel audio() { return session.audio(); }

    @Override public Clock clock() { return clock; }

    @Override
    public void hangup(String reason) {
        synchronized (this) {
            if (hangupReason == null) {
                hangupReason = reason;
            }
        }
        session.hangup();
    }

    /** The reason the bot gave when it hung up, or null if it did not. */
    String hangupReason() {
        return hangupReason;
    }

    @Override
    public void transfer(TransferRequest request) {
        request.listener().onTransferFailed("AudioSocket calls cannot be transferred; the dialplan continues after hang-up");
    }

    @Override
    public void recordTurn(Speaker speaker, String text, Instant start, Instant end) {
        writer.turnAdded(callId, new TurnRecord(turnSeq.incrementAndGet(), speaker.name().toLowerCase(Locale.ROOT),
                text, start, end));
    }
}
