package org.voxgate.app;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.admin.CallControl;
import org.voxgate.admin.CallRefusedException;
import org.voxgate.media.Codec;
import org.voxgate.media.MediaException;
import org.voxgate.sip.EndReason;
import org.voxgate.sip.OutboundCall;
import org.voxgate.sip.OutboundCallRequest;
import org.voxgate.sip.SipServer;
import org.voxgate.sip.SipTarget;
import org.voxgate.store.CallRecord;
import org.voxgate.store.CallRecordWriter;
import org.voxgate.store.PhoneNumbers;
import org.voxgate.store.Trunk;
import org.voxgate.store.TrunkRepository;

/**
 * Places the calls posted to {@code /api/calls}: through a trunk (the number normalized to
 * E.164 in the trunk's region, the trunk's credentials, codecs, From and limits) or to a
 * registered SIP user's contacts (forked). Writes the call's record before the first INVITE
 * leaves, so it can be read at once; the outcome follows when the call ends.
 *
 * <p>Thread-safe; called on HTTP request threads.
 */
final class OutboundCallService implements CallControl {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundCallService.class);

    private final SipServer sip;
    private final TrunkRepository trunks;
    private final BotCallHandler bots;
    private final TrunkLimits limits;
    private final CallRecordWriter writer;
    private final Function<String, List<SipTarget>> contactsOfUser;
    private final Duration ringTimeout;
    private final String host;
    private final Clock clock;
    private final PhoneNumbers phoneNumbers = new PhoneNumbers();

    /**
     * @param contactsOfUser the registered contacts of a SIP user (the location service), each
     *     reached through the address it registered from when behind NAT; empty when none
     * @param host our SIP host, for Call-IDs
     */
    OutboundCallService(SipServer sip, TrunkRepository trunks, BotCallHandler bots, TrunkLimits limits,
            CallRecordWriter writer, Function<String, List<SipTarget>> contactsOfUser, Duration ringTimeout, String host,
            Clock clock) {
        this.sip = sip;
        this.trunks = trunks;
        this.bots = bots;
        this.limits = limits;
        this.writer = writer;
        this.contactsOfUser = contactsOfUser;
        this.ringTimeout = ringTimeout;
        this.host = host;
        this.clock = clock;
    }

    @Override
    public String place(PlaceCall request) throws CallRefusedException {
        String callId = newCallId();
        if (request.trunk() != null) {
            Trunk trunk = trunks.find(request.trunk())
                    .orElseThrow(() -> new CallRefusedException(404, "trunk", "no trunk named " + request.trunk()));
            return placeThrough(trunk, viaTrunk(callId, trunk, request.to(), request.bot(), null, request.variables()));
        }
        return placeThrough(null, toUser(callId, request.sipUser(), request.bot(), request.variables()));
    }

    /**
     * Places the second call of a transfer: to a SIP URI as given (a PBX extension, an
     * operator desk), to a registered SIP user's contacts, or to a number through a trunk.
     * Not reachable from the API (a URI target would let anyone dial anywhere).
     *
     * @return the new call's id
     * @throws CallRefusedException naming why it cannot be placed (no contact, no trunk, limits)
     */
    String placeTransferLeg(TransferTarget target, String bot, java.util.Map<String, String> variables)
            throws CallRefusedException {
        String callId = newCallId();
        return switch (target) {
            case TransferTarget.Uri uri -> placeThrough(null, new OutboundCallRequest(callId,
                    List.of(SipTarget.of(uri.uri())), "voxgate", null, uri.uri(), null, bot,
                    bots.codecs().choose(bot, null), ringTimeout, variables));
            case TransferTarget.User user -> placeThrough(null, toUser(callId, user.username(), bot, variables));
            case TransferTarget.Number number -> {
                Trunk trunk = trunks.find(number.trunk()).orElseThrow(() ->
                        new CallRefusedException(404, "trunk", "no trunk named " + number.trunk()));
                yield placeThrough(trunk, viaTrunk(callId, trunk, number.number(), bot, null, variables));
            }
        };
    }

    /**
     * Places a campaign's call through a trunk under a Call-ID the dialer chose (so it knows the
     * call before any response can arrive), from {@code callerId} when given.
     *
     * @throws CallRefusedException naming why it was not placed (nothing was sent then)
     */
    void placeCampaignCall(String callId, Trunk trunk, String to, String bot, String callerId,
            java.util.Map<String, String> variables) throws CallRefusedException {
        placeThrough(trunk, viaTrunk(callId, trunk, to, bot, callerId, variables));
    }

    /** A new Call-ID for a call of ours. */
    String newCallId() {
        return UUID.randomUUID().toString().replace("-", "") + "@" + host;
    }

    /** Takes a trunk slot (when through a trunk), writes the record, and sends the INVITEs. */
    private String placeThrough(Trunk trunk, OutboundCallRequest sipRequest) throws CallRefusedException {
        String callId = sipRequest.callId();
        if (trunk != null) {
            Optional<TrunkLimits.Refusal> refusal = limits.acquire(trunk, callId, true);
            if (refusal.isPresent()) {
                LOG.info("call to {} refused: {}", sipRequest.to(), refusal.get().reason());
                throw new CallRefusedException(429, "trunk", refusal.get().reason());
            }
        }
        writer.callUpdated(new CallRecord(callId, "outbound", sipRequest.fromUser(), sipRequest.to(), sipRequest.bot(),
                clock.instant(), null, null, null, null, List.of(), null, sipRequest.trunk(), null));
        try {
            OutboundCall call = sip.placeCall(sipRequest);
            return call.callId();
        } catch (MediaException e) {
            limits.release(callId);
            endUnplaced(sipRequest, "error");
            throw new CallRefusedException(503, null, "no media ports free: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            limits.release(callId);
            endUnplaced(sipRequest, "error");
            throw new CallRefusedException(400, trunk != null ? "trunk" : "sipUser", e.getMessage());
        } catch (IllegalStateException e) {
            limits.release(callId);
            endUnplaced(sipRequest, "error");
            throw new CallRefusedException(503, null, e.getMessage());
        }
    }

    private void endUnplaced(OutboundCallRequest r, String reason) {
        writer.callUpdated(new CallRecord(r.callId(), "outbound", r.fromUser(), r.to(), r.bot(), clock.instant(), null,
                clock.instant(), reason, null, List.of(), "FAILED", r.trunk(), null));
    }

    /** @param callerId the From user to send, or null for the trunk's */
    private OutboundCallRequest viaTrunk(String callId, Trunk trunk, String to, String askedBot, String callerId,
            java.util.Map<String, String> variables) throws CallRefusedException {
        if (!trunk.enabled()) {
            throw new CallRefusedException(409, "trunk", "trunk " + trunk.name() + " is disabled");
        }
        if (trunk.peerHost() == null) {
            throw new CallRefusedException(400, "trunk", "trunk " + trunk.name() + " has no peerHost to call");
        }
        // Only a trunk that OPTIONS keep-alive found unreachable is refused; "unknown" (no probe
        // answered or missed yet, or keep-alive off) is given the benefit of the doubt.
        if ("down".equals(sip.trunkHealth(trunk.name()).options())) {
            throw new CallRefusedException(503, "trunk", "trunk " + trunk.name() + " is down");
        }
        String number = phoneNumbers.toE164(to, trunk.defaultRegion()).orElseThrow(() ->
                new CallRefusedException(400, "to", to + " is not a telephone number (region "
                        + trunk.defaultRegion() + ")"));
        String bot = chooseBot(askedBot, trunk.defaultBot());
        String uri = "sip:" + number + "@" + hostPart(trunk.peerHost()) + ":" + trunk.peerPort()
                + ("udp".equals(trunk.transport()) ? "" : ";transport=" + trunk.transport());
        SipTarget target = new SipTarget(uri, trunk.outboundUsername(), trunk.outboundSecret());
        List<Codec> codecs = bots.codecs().choose(bot, trunk.codecs());
        String from = callerId != null ? callerId : trunk.fromUser() == null ? "voxgate" : trunk.fromUser();
        return new OutboundCallRequest(callId, List.of(target), from,
                trunk.fromDomain(), number, trunk.name(), bot, codecs, ringTimeout, variables);
    }

    private OutboundCallRequest toUser(String callId, String sipUser, String askedBot,
            java.util.Map<String, String> variables) throws CallRefusedException {
        List<SipTarget> contacts = contactsOfUser.apply(sipUser);
        if (contacts.isEmpty()) {
            throw new CallRefusedException(404, "sipUser", "SIP user " + sipUser + " has no registered contact");
        }
        String bot = chooseBot(askedBot, null);
        return new OutboundCallRequest(callId, contacts, "voxgate", null,
                sipUser, null, bot, bots.codecs().choose(bot, null), ringTimeout, variables);
    }

    private String chooseBot(String asked, String trunkDefault) throws CallRefusedException {
        String bot = asked != null ? asked : trunkDefault != null ? trunkDefault : bots.defaultBot();
        if (!bots.hasBot(bot)) {
            throw new CallRefusedException(404, "bot", "no bot named " + bot);
        }
        return bot.toLowerCase(java.util.Locale.ROOT);
    }

    private static String hostPart(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Transfers are a bot call's business: the handler knows the calls its bots are on. */
    @Override
    public void transfer(String callId, String target, boolean warm) throws CallRefusedException {
        bots.transfer(callId, target, warm);
    }

    @Override
    public boolean hangup(String callId) {
        Optional<OutboundCall> call = sip.outboundCall(callId);
        call.ifPresent(c -> c.abort(EndReason.ADMIN_HANGUP));
        return call.isPresent();
    }
}
