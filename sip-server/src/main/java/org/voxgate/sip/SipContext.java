package org.voxgate.sip;

import java.text.ParseException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.media.MediaEngine;
import org.voxgate.sip.auth.DigestVerifier;

/**
 * Everything a SIP handler needs, gathered once at start: the provider and factories, the
 * collaborators, and helpers that build and send responses the same way every time.
 *
 * <p>Thread-safe: the JAIN-SIP provider and factories are safe for concurrent use.
 */
final class SipContext {
    private static final Logger LOG = LoggerFactory.getLogger(SipContext.class);
    /** Methods we implement; sent in Allow headers. */
    static final List<String> ALLOWED = List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "UPDATE", "INFO",
            "REFER", "NOTIFY");

    final SipConfig config;
    final SipProvider provider;
    final MessageFactory messages;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final MediaEngine media;
    final CallHandler handler;
    final CallRegistry calls;
    final SipMetrics metrics;
    final Clock clock;
    final ExecutorService workers;
    final ScheduledExecutorService timers;
    /** Registrar and digest services; null when the node is not a registrar. */
    final RegistrarServices registrar;
    /** Session timers, TLS, overload limits. */
    final DialogConfig dialogConfig;
    final SessionTimerPolicy sessionTimers;
    /** BYEs sent and not yet answered; shutdown waits for these. */
    final AtomicInteger pendingByes = new AtomicInteger();
    /** Carrier keep-alive, registration and outbound call settings. */
    final CarrierConfig carrier;
    /** Which trunk sent an INVITE, and which trunks to ping and register with. */
    final TrunkDirectory trunks;
    /** Digest verifier for INVITEs from outside every trunk's sources; null: digest is off. */
    final DigestVerifier verifier;
    /** Calls we placed that are still up. */
    final OutboundCallRegistry outbound = new OutboundCallRegistry();
    /**
     * Legs of calls we placed that must reach a phone through the address it registered from,
     * by the leg's Call-ID; the stack's {@link FlowRouter} sends all their requests there.
     */
    final java.util.Map<String, javax.sip.address.Hop> legFlows = new java.util.concurrent.ConcurrentHashMap<>();
    /** Builds the requests we send as a client. */
    final ClientRequests clientRequests = new ClientRequests(this);

    SipContext(SipConfig config, SipProvider provider, MessageFactory messages, HeaderFactory headers,
            AddressFactory addresses, MediaEngine media, CallHandler handler, CallRegistry calls,
            SipMetrics metrics, Clock clock, ExecutorService workers, ScheduledExecutorService timers,
            RegistrarServices registrar, DialogConfig dialogConfig, CarrierConfig carrier, TrunkDirectory trunks,
            DigestVerifier verifier) {
        this.config = config;
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.media = media;
        this.handler = handler;
        this.calls = calls;
        this.metrics = metrics;
        this.clock = clock;
        this.workers = workers;
        this.timers = timers;
        this.registrar = registrar;
        this.dialogConfig = dialogConfig;
        this.sessionTimers = new SessionTimerPolicy(dialogConfig.sessionTimer());
        this.carrier = carrier;
        this.trunks = trunks;
        this.verifier = verifier;
    }

    /**
     * A response to {@code request} carrying our Server header and, beyond 100, a To-tag
     * (RFC 3261 8.2.6.2); a call replaces the tag with its own so all its responses agree.
     */
    Response response(Request request, int status) throws ParseException {
        Response response = messages.createResponse(status, request);
        response.addHeader(headers.createServerHeader(List.of(config.userAgent())));
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (status > 100 && to != null && to.getTag() == null) {
            to.setTag(newTag());
        }
        return response;
    }

    /**
     * Text safe inside a quoted header value (Warning text, reason phrase): printable ASCII
     * without double quotes, since it often comes from a parser's error message.
     */
    static String quotable(String text) {
        return text == null ? "" : text.replaceAll("[^\\x20-\\x7e]|\"", " ").trim();
    }

    /** A random tag for To or From headers. */
    static String newTag() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** Adds Allow listing every method we implement. */
    void addAllow(Response response) throws ParseException {
        response.addHeader(headers.createAllowHeader(String.join(", ", ALLOWED)));
    }

    /** Our Contact for the transport the request came over. */
    ContactHeader contact(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI("voxgate", config.advertisedHost());
        uri.setPort("tls".equals(transport) ? dialogConfig.tls().port() : config.port());
        if (!"udp".equals(transport)) {
            uri.setTransportParam(transport);
        }
        Address address = addresses.createAddress(uri);
        return headers.createContactHeader(address);
    }

    /** The transport of the top Via of a request, lower case. */
    static String transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null ? "udp" : via.getTransport().toLowerCase(java.util.Locale.ROOT);
    }

    /** Sends a response on a server transaction, counting it; failures are logged, not thrown. */
    void send(ServerTransaction tx, Response response) {
        try {
            tx.sendResponse(response);
            metrics.responseSent(response.getStatusCode(), tx.getRequest().getMethod());
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not send {} to {}: {}", response.getStatusCode(), tx.getRequest().getMethod(), e.toString());
        }
    }

    /** Builds and sends a plain response (no body) on a server transaction. */
    void reply(ServerTransaction tx, int status) {
        try {
            Response response = response(tx.getRequest(), status);
            if (status == Response.METHOD_NOT_ALLOWED || status == Response.NOT_IMPLEMENTED) {
                addAllow(response);
            }
            send(tx, response);
        } catch (ParseException e) {
            LOG.warn("could not build {} response: {}", status, e.toString());
        }
    }

    /** The blind transfer under way (or last tried) on the call with this Call-ID, either direction. */
    java.util.Optional<OutgoingRefer> referOf(String callId) {
        java.util.Optional<OutgoingRefer> inbound = calls.find(callId).map(SipCall::outgoingRefer);
        return inbound.isPresent() ? inbound : outbound.find(callId).map(OutboundSipCall::outgoingRefer);
    }

    /** Calls held now, both directions: what {@code sip.max-calls} limits. */
    int callsHeld() {
        return calls.size() + outbound.size();
    }

    /** True when {@code sip.max-calls} is set and that many calls, either direction, are held. */
    boolean atCallLimit() {
        int max = dialogConfig.overload().maxCalls();
        return max > 0 && callsHeld() >= max;
    }

    /**
     * The call in whose dialog a request with this Call-ID belongs, whichever side placed it:
     * a call we answered, or the answered leg of a call we placed.
     */
    java.util.Optional<DialogCall> dialogCall(String callId) {
        java.util.Optional<DialogCall> inbound = calls.find(callId).map(DialogCall.class::cast);
        return inbound.isPresent() ? inbound
                : outbound.find(callId).filter(call -> call.isDialogCallId(callId)).map(DialogCall.class::cast);
    }

    /**
     * Sends BYE on an answered dialog and counts it among the BYEs shutdown waits for; a
     * failure to send is logged, not thrown.
     *
     * @param peer names the far end in the log line
     */
    void sendBye(javax.sip.Dialog dialog, String peer) {
        pendingByes.incrementAndGet();
        try {
            Request bye = dialog.createRequest(Request.BYE);
            javax.sip.ClientTransaction tx = provider.getNewClientTransaction(bye);
            dialog.sendRequest(tx);
            metrics.requestSent(Request.BYE);
        } catch (SipException | RuntimeException e) {
            pendingByes.decrementAndGet();
            LOG.warn("could not send BYE to {}: {}", peer, e.toString());
        }
    }
}
