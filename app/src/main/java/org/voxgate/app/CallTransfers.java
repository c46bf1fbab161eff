package org.voxgate.app;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.admin.CallRefusedException;
import org.voxgate.media.AudioBridge;
import org.voxgate.pipeline.TransferRequest;
import org.voxgate.pipeline.speech.SpeechSynthesizer;
import org.voxgate.sip.ActiveCall;
import org.voxgate.sip.CallSummary;
import org.voxgate.sip.EndReason;
import org.voxgate.sip.ReferProgress;
import org.voxgate.sip.TransferObserver;

/**
 * Carries out transfers: those bots ask for, and those a caller's PBX asks for with REFER.
 *
 * <ul>
 *   <li>A blind transfer to a SIP URI goes by REFER (the caller's side places the new call);
 *       when the caller's side refuses REFER, or the target is a registered SIP user or a
 *       number, we place the second call ourselves and join the two.</li>
 *   <li>A warm transfer places the second call while the bot keeps the caller, tells the
 *       person who answers who is calling, then joins the two; if nobody answers the bot takes
 *       the caller back.</li>
 *   <li>A REFER from the caller's PBX is honoured by calling its Refer-To target (only on the
 *       PBX's own address) with the same bot, its progress reported back in NOTIFYs.</li>
 * </ul>
 * Joined calls relay audio through an {@link AudioBridge}; when either side hangs up the other
 * is hung up too.
 *
 * <p>Threading: thread-safe and non-blocking; events arrive on SIP worker threads. The
 * announcement to the answering operator is spoken on a thread of its own.
 */
final class CallTransfers {
    private static final Logger LOG = LoggerFactory.getLogger(CallTransfers.class);
    /** Longest the whisper to the operator may play before the calls are joined anyway. */
    private static final long ANNOUNCEMENT_LIMIT_MILLIS = 10_000;

    private final String operator;
    private final Predicate<String> registeredUser;
    private final SpeechSynthesizer announcer;
    private final ThreadFactory threads;
    private volatile OutboundCallService dialer;
    private volatile Consumer<String> stopBot = callId -> { };

    /** Second calls placed and not yet answered, by their call id. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** The second call a caller waits for, by the caller's call id. */
    private final Map<String, String> legOfCaller = new ConcurrentHashMap<>();
    /** Joined pairs, under both call ids. */
    private final Map<String, Joined> joined = new ConcurrentHashMap<>();

    private sealed interface Pending {}

    private record Bridge(ActiveCall caller, boolean warm, TransferRequest.TransferListener listener)
            implements Pending {}

    private record Referred(String referrer, ReferProgress progress) implements Pending {}

    private record Joined(ActiveCall a, ActiveCall b, AudioBridge audio) {
        ActiveCall other(String callId) { return a.callId().equals(callId) ? b : a; }
    }

    /**
     * @param operator the configured {@code bots.operator}, possibly empty
     * @param registeredUser whether a name is a SIP user with a live registration
     * @param announcer speaks the whisper to the operator of a warm transfer; null for none
     * @param threads makes the thread each whisper is played on
     */
    CallTransfers(String operator, Predicate<String> registeredUser, SpeechSynthesizer announcer,
            ThreadFactory threads) {
        this.operator = operator == null ? "" : operator.trim();
        this.registeredUser = registeredUser;
        this.announcer = announcer;
        this.threads = threads;
    }

    /**
     * Connects what is built after the SIP server: who places second calls, and how a caller's
     * bot is stopped once the caller is joined to someone. Call once at start-up.
     */
    void attach(OutboundCallService dialer, Consumer<String> stopBot) {
        this.dialer = dialer;
        this.stopBot = stopBot;
    }

    /** A bot asks to hand its caller over. */
    void transfer(ActiveCall call, TransferRequest request) {
        String target = request.target() == null ? operator : request.target().trim();
        TransferRequest.TransferListener listener = request.listener();
        if (target.isEmpty()) {
            LOG.info("transfer asked for, but no operator is configured (bots.operator)");
            listener.onTransferFailed("no operator configured");
            return;
        }
        if (isUri(target) && !request.warm()) {
            call.refer(target, new TransferObserver() {
                @Override
                public void onTransferred() {
                    LOG.info("caller transferred to {} by REFER", target);
                }

                @Override
                public void onTransferFailed(int status, String reason, boolean referRefused) {
                    if (referRefused) {
                        LOG.info("the caller's side refused REFER ({} {}); calling {} ourselves", status, reason,
                                target);
                        bridge(call, new TransferTarget.Uri(target), false, listener);
                    } else {
                        listener.onTransferFailed(status + " " + reason);
                    }
                }
            });
            return;
        }
        TransferTarget resolved = resolve(call, target);
        if (resolved == null) {
            LOG.info("transfer to {}: not a SIP URI, a registered user or a number with a trunk", target);
            listener.onTransferFailed("no route to " + target);
            return;
        }
        bridge(call, resolved, request.warm(), listener);
    }

    private TransferTarget resolve(ActiveCall call, String target) {
        if (isUri(target)) {
            return new TransferTarget.Uri(target);
        }
        if (registeredUser.test(target)) {
            return new TransferTarget.User(target);
        }
        if (target.matches("\\+?[0-9 ()-]{3,}") && call.trunk() != null) {
            return new TransferTarget.Number(target, call.trunk());
        }
        return null;
    }

    private void bridge(ActiveCall caller, TransferTarget target, boolean warm,
            TransferRequest.TransferListener listener) {
        OutboundCallService placer = dialer;
        if (placer == null) {
            listener.onTransferFailed("outbound calls are not available");
            return;
        }
        try {
            String legId = placer.placeTransferLeg(target, caller.bot(), Map.of("transferOf", caller.callId()));
            pending.put(legId, new Bridge(caller, warm, listener));
            legOfCaller.put(caller.callId(), legId);
            LOG.info("transfer: calling {} on {} ({})", target, legId, warm ? "warm" : "blind");
        } catch (CallRefusedException e) {
            LOG.info("transfer to {} could not be placed: {}", target, e.getMessage());
            listener.onTransferFailed(e.getMessage());
        }
    }

    /** A PBX on the caller's side sent REFER: call the target with the same bot. */
    void onReferred(ActiveCall call, String referTo, ReferProgress progress) {
        OutboundCallService placer = dialer;
        if (placer == null || !referredToItsOwnAddress(call, referTo)) {
            LOG.info("REFER to {} declined: only a target on the referring PBX's own address is called", referTo);
            progress.report(603, "Decline");
            return;
        }
        try {
            String legId = placer.placeTransferLeg(new TransferTarget.Uri(referTo), call.bot(),
                    Map.of("referredBy", call.callId()));
            pending.put(legId, new Referred(call.callId(), progress));
        } catch (CallRefusedException e) {
            LOG.info("REFER to {} could not be placed: {}", referTo, e.getMessage());
            progress.report(e.status() == 429 ? 503 : 480, e.getMessage());
        }
    }

    /**
     * Toll-fraud guard: a REFER may only send us to the host the call came from (the PBX's own
     * extension), never to an arbitrary destination at our expense.
     */
    private static boolean referredToItsOwnAddress(ActiveCall call, String referTo) {
        if (call.source() == null || call.source().getAddress() == null) {
            return false;
        }
        try {
            String host = URI.create(referTo.replaceFirst("^(?i)sips?:", "sip://")).getHost();
            return host != null && InetAddress.getByName(host.replaceAll("^\\[|]$", "")).equals(call.source().getAddress());
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * A call was answered. Returns true when it is the second call of a joining transfer, so no
     * bot is started on it; false for every other call (including a referred one).
     */
    boolean onAnswered(ActiveCall call) {
        Pending p = pending.remove(call.callId());
        if (p instanceof Referred referred) {
            referred.progress().report(200, "OK");
            return false;
        }
        if (!(p instanceof Bridge bridge)) {
            return false;
        }
        if (!call.callId().equals(legOfCaller.get(bridge.caller().callId()))) {
            LOG.info("transfer leg {} answered after the caller left; hanging up", call.callId());
            call.hangup(EndReason.TRANSFERRED);
            return true;
        }
        if (bridge.warm() && announcer != null) {
            threads.newThread(() -> announceThenJoin(bridge.caller(), call)).start();
        } else {
            join(bridge.caller(), call);
        }
        return true;
    }

    private void announceThenJoin(ActiveCall caller, ActiveCall operatorCall) {
        try {
            short[] pcm = announcer.synthesize("Call from " + spoken(caller.from()) + ". Connecting now.");
            operatorCall.media().play(pcm, 0, pcm.length);
            long deadline = System.nanoTime() + ANNOUNCEMENT_LIMIT_MILLIS * 1_000_000L;
            while (operatorCall.media().queuedPlaybackMillis() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not announce the caller to the operator: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        join(caller, operatorCall);
    }

    /** Digits read one by one ("4 1 5 ..."), anything else as it is. */
    private static String spoken(String from) {
        return from != null && from.matches("\\+?[0-9]+") ? String.join(" ", from.replace("+", "").split("")) : from;
    }

    private void join(ActiveCall caller, ActiveCall operatorCall) {
        if (legOfCaller.remove(caller.callId()) == null) {
            operatorCall.hangup(EndReason.TRANSFERRED); // the caller left during the announcement
            return;
        }
        stopBot.accept(caller.callId());
        Joined pair = new Joined(caller, operatorCall, AudioBridge.open(caller.media(), operatorCall.media()));
        joined.put(caller.callId(), pair);
        joined.put(operatorCall.callId(), pair);
        LOG.info("caller {} joined to {}", caller.callId(), operatorCall.callId());
    }

    /** A call ended: fail, unjoin or abandon whatever transfer it was part of. */
    void onEnded(CallSummary summary) {
        String id = summary.callId();
        Pending p = pending.remove(id);
        if (p instanceof Bridge bridge) {
            legOfCaller.remove(bridge.caller().callId(), id);
            String why = (summary.outcome() == null ? summary.endReason().code() : summary.outcome().name())
                    + (summary.sipStatus() == null ? "" : " (" + summary.sipStatus() + ")");
            LOG.info("transfer leg {} ended unanswered: {}", id, why);
            bridge.listener().onTransferFailed(why);
        } else if (p instanceof Referred referred) {
            Integer status = summary.sipStatus();
            referred.progress().report(status != null && status >= 300 ? status : 487, summary.endReason().code());
        }
        Joined pair = joined.remove(id);
        if (pair != null) {
            pair.audio().close();
            ActiveCall other = pair.other(id);
            joined.remove(other.callId());
            other.hangup(EndReason.TRANSFERRED);
        }
        String leg = legOfCaller.remove(id);
        if (leg != null && dialer != null) {
            LOG.info("the caller left while its transfer was ringing; cancelling {}", leg);
            dialer.hangup(leg);
        }
    }

    private static boolean isUri(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        return lower.startsWith("sip:") || lower.startsWith("sips:") || lower.startsWith("tel:");
    }
}
