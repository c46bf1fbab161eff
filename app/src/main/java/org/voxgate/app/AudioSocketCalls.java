package org.voxgate.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.audiosocket.AudioSocketAcceptor;
import org.voxgate.media.audiosocket.AudioSocketSession;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;

/**
 * Runs a bot on every Asterisk AudioSocket connection, as a call: id
 * {@code audiosocket-<uuid>}, recorded when it starts and again when it ends, with the reason
 * ({@code caller_hangup} when Asterisk hangs up or closes, the bot's reason when the bot hangs
 * up, {@code shutdown}, {@code error} when Asterisk reports one or the connection breaks).
 *
 * <p>Threading: {@link #accept} on each connection's virtual thread; the end runs on the
 * connection's reader or the hanging-up thread. Stateless between calls, so thread-safe.
 */
final class AudioSocketCalls implements AudioSocketAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocketCalls.class);
    /** What the record's codec column says: 16-bit signed linear PCM at 8 kHz. */
    private static final String CODEC = "L16";

    private final Bot bot;
    private final CallRecordWriter writer;
    private final Clock clock;
    private volatile boolean shuttingDown;

    AudioSocketCalls(Bot bot, CallRecordWriter writer, Clock clock) {
        this.bot = bot;
        this.writer = writer;
        this.clock = clock;
    }

    /** Ends from now on are recorded as {@code shutdown}. */
    void shuttingDown() {
        shuttingDown = true;
    }

    @Override
    public void accept(AudioSocketSession session) {
        String callId = "audiosocket-" + session.uuid();
        Instant start = clock.instant();
        AudioSocketCallContext context = new AudioSocketCallContext(callId, session, writer, clock);
        CallRecord started = new CallRecord(callId, "inbound", context.caller(), context.callee(), bot.name(), start,
                start, null, null, CODEC, List.of());
        writer.callUpdated(started);
        LOG.info("AudioSocket call {} from {}: bot {}", callId, session.remote(), bot.name());
        BotSession botSession;
        try {
            botSession = bot.open(context);
        } catch (RuntimeException e) {
            // the server hangs the session up; the record must still say the call ended
            writer.callUpdated(new CallRecord(callId, "inbound", started.from(), started.to(), bot.name(), start, start,
                    clock.instant(), "error", CODEC, List.of()));
            throw e;
        }
        session.onClosed(closeReason -> {
            botSession.stop();
            String reason = endReason(closeReason, context.hangupReason());
            writer.callUpdated(new CallRecord(callId, "inbound", started.from(), started.to(), bot.name(), start, start,
                    clock.instant(), reason, CODEC, List.of()));
            LOG.info("AudioSocket call {} ended: {}", callId, reason);
        });
    }

    private String endReason(String closeReason, String botReason) {
        return switch (closeReason) {
            case AudioSocketSession.REMOTE_HANGUP -> "caller_hangup";
            case AudioSocketSession.LOCAL_HANGUP -> botReason != null ? botReasonCode(botReason)
                    : shuttingDown ? "shutdown" : "bot_hangup";
            default -> "error"; // connection_lost, remote_error:<code>
        };
    }

    /** The same codes SIP calls record for a bot's reasons. */
    private static String botReasonCode(String reason) {
        return switch (reason) {
            case "bot_unavailable", "bridge_unreachable" -> "bot_unavailable";
            case "bot_error" -> "error";
            default -> "bot_hangup";
        };
    }
}
