package org.voxgate.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.CallHandler;
import org.voxgate.sip.CallSummary;
import org.voxgate.sip.EndReason;
import org.voxgate.sip.InviteDecision;
import org.voxgate.sip.InviteRequest;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;

/**
 * Where SIP meets the pipeline: routes each INVITE to a bot (the dialled name if a bot has it,
 * otherwise the default bot), starts the bot when the call is confirmed, stops it and records
 * the call when it ends.
 *
 * <p>Threading: called on SIP worker virtual threads, concurrently for different calls; the
 * session map is concurrent.
 */
final class BotCallHandler implements CallHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BotCallHandler.class);

    private final Map<String, Bot> bots;
    private final String defaultBot;
    private final CallRecordWriter writer;
    /** One counter per end reason, all registered up front so dashboards see the full set. */
    private final Map<EndReason, Counter> endedByReason = new EnumMap<>(EndReason.class);
    private final Clock clock;
    private final Map<String, BotSession> sessions = new ConcurrentHashMap<>();
    private final CallTransfers transfers;

    BotCallHandler(List<Bot> bots, String defaultBot, CallRecordWriter writer, MeterRegistry metrics, Clock clock,
            CallTransfers transfers) {
        this.bots = bots.stream().collect(Collectors.toUnmodifiableMap(b -> b.name().toLowerCase(Locale.ROOT), Function.identity()));
        if (!this.bots.containsKey(defaultBot.toLowerCase(Locale.ROOT))) {
            throw new ConfigException("bots.default names an unknown bot '" + defaultBot + "'; known: " + this.bots.keySet());
        }
        this.defaultBot = defaultBot.toLowerCase(Locale.ROOT);
        this.writer = writer;
        this.clock = clock;
        this.transfers = transfers;
        for (EndReason reason : EndReason.values()) {
            endedByReason.put(reason, Counter.builder("voxgate.calls.ended").description("Calls ended, by reason")
                    .tag("reason", reason.code()).register(metrics));
        }
    }

    @Override
    public InviteDecision onInvite(InviteRequest invite) {
        String dialled = invite.dialled().toLowerCase(Locale.ROOT);
        String bot = bots.containsKey(dialled) ? dialled : defaultBot;
        writer.callUpdated(new CallRecord(invite.callId(), "inbound", invite.from(), invite.dialled(), bot,
                invite.receivedAt(), null, null, null, null, List.of()));
        return InviteDecision.accept(bot);
    }

    @Override
    public void onAnswered(ActiveCall call) {
        Bot bot = bots.get(call.bot());
        BotSession session = bot.open(new BotCallContext(call, writer, clock, transfers));
        sessions.put(call.callId(), session);
        LOG.info("bot {} started", bot.name());
    }

    @Override
    public void onEnded(CallSummary summary) {
        BotSession session = sessions.remove(summary.callId());
        if (session != null) {
            session.stop();
        }
        writer.callUpdated(new CallRecord(summary.callId(), summary.direction(), summary.from(), summary.to(),
                summary.bot(), summary.invitedAt(), summary.answeredAt(), summary.endedAt(),
                summary.endReason().code(), summary.codec(), List.of()));
        endedByReason.get(summary.endReason()).increment();
    }
}
