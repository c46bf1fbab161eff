package org.voxgate.sip;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.ListIterator;
import java.util.TimeZone;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.auth.ChallengeKind;
import org.voxgate.sip.auth.DigestResult;
import org.voxgate.sip.auth.SipPrincipal;
import org.voxgate.sip.location.Binding;
import org.voxgate.sip.location.BindingRequest;
import org.voxgate.sip.location.ContactUpdate;
import org.voxgate.sip.location.RegisterOutcome;
import org.voxgate.sip.location.RegistrarConfig;

/**
 * Handles REGISTER (RFC 3261 10.3): digest challenge (401), then add, refresh or remove the
 * bindings of the authenticated user's address of record, keeping the source address and
 * transport of the request with each binding, and answer 200 listing every current binding
 * with its remaining lifetime. 423 with Min-Expires for too short a registration.
 *
 * <p>Threading: runs on a SIP worker virtual thread, one REGISTER per invocation.
 */
final class RegisterHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterHandler.class);

    private final SipContext sip;
    private final RegistrarServices registrar;

    RegisterHandler(SipContext sip, RegistrarServices registrar) {
        this.sip = sip;
        this.registrar = registrar;
    }

    void handle(Request request, ServerTransaction tx, InetSocketAddress source) {
        if (request.getHeader(RequireHeader.NAME) != null) {
            unsupportedExtensions(request, tx);
            return;
        }
        DigestResult result = registrar.digest().verify(request, ChallengeKind.WWW);
        if (result instanceof DigestResult.Challenge challenge) {
            if (challenge.username() != null) {
                LOG.info("REGISTER from {} for {} challenged: {}", source, challenge.username(), challenge.reason());
            }
            challenge(request, tx, challenge.stale());
            return;
        }
        SipPrincipal principal = ((DigestResult.Authenticated) result).principal();
        String user = SipUris.userOf(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI());
        if (principal.kind() != SipPrincipal.Kind.USER || !principal.id().equals(user)) {
            LOG.info("{} may not register {}: 403", principal, user);
            sip.reply(tx, Response.FORBIDDEN);
            return;
        }
        String aor = registrar.location().aorOf(user);
        ExpiresHeader expiresHeader = request.getExpires();
        int headerExpires = expiresHeader == null ? -1 : expiresHeader.getExpires();
        List<ContactHeader> contacts = new ArrayList<>();
        boolean wildcard = false;
        ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) {
            ContactHeader contact = (ContactHeader) it.next();
            if (contact.isWildCard()) {
                wildcard = true;
            } else {
                contacts.add(contact);
            }
        }
        if (wildcard && (!contacts.isEmpty() || headerExpires != 0)) {
            badRequest(request, tx, "Contact: * needs Expires: 0 and no other Contact");
            return;
        }
        RegistrarConfig config = registrar.config();
        List<ContactUpdate> updates = new ArrayList<>();
        for (ContactHeader contact : contacts) {
            int asked = contact.getExpires() >= 0 ? contact.getExpires() : headerExpires;
            long granted;
            if (asked < 0) {
                granted = config.defaultExpires().toSeconds();
            } else if (asked == 0) {
                granted = 0;
            } else if (asked < config.minExpires().toSeconds()) {
                intervalTooBrief(request, tx);
                return;
            } else {
                granted = Math.min(asked, config.maxExpires().toSeconds());
            }
            float q = contact.getQValue() < 0 ? 1.0f : contact.getQValue();
            updates.add(new ContactUpdate(contact.getAddress().getURI().toString(), granted, q));
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        InetSocketAddress from = source != null ? source : viaAddress(request);
        String host = from.getAddress() != null ? from.getAddress().getHostAddress() : from.getHostString();
        RegisterOutcome outcome = registrar.location().apply(new BindingRequest(aor, updates, wildcard, callId, cseq,
                host, from.getPort(), SipContext.transportOf(request), userAgent(request)));
        switch (outcome) {
            case RegisterOutcome.OutOfOrder o -> {
                LOG.info("REGISTER for {} out of order (CSeq {} not above the binding's): 400", aor, cseq);
                badRequest(request, tx, "CSeq not above the existing binding's");
            }
            case RegisterOutcome.TooManyContacts t -> {
                LOG.info("REGISTER for {} would exceed {} contacts: 403", aor, t.limit());
                sip.reply(tx, Response.FORBIDDEN);
            }
            case RegisterOutcome.Applied applied -> {
                if (!updates.isEmpty() || wildcard) {
                    LOG.info("REGISTER {} from {}/{}: {} binding(s) now", aor, from, SipContext.transportOf(request),
                            applied.bindings().size());
                }
                ok(request, tx, applied.bindings(), applied.at());
            }
        }
    }

    private void ok(Request request, ServerTransaction tx, List<Binding> bindings, Instant now) {
        try {
            Response ok = sip.response(request, Response.OK);
            for (Binding b : bindings) {
                // Parsed as a whole header: the stack's URI parser throws (and catches) an
                // exception for every bare URI ending in a port, which costs more than the rest.
                ok.addHeader(sip.headers.createHeader(ContactHeader.NAME,
                        "<" + b.contact() + ">;expires=" + Math.min(Integer.MAX_VALUE, b.secondsLeft(now))));
            }
            Calendar date = new GregorianCalendar(TimeZone.getTimeZone("GMT"));
            date.setTimeInMillis(sip.clock.millis());
            ok.addHeader(sip.headers.createDateHeader(date));
            sip.send(tx, ok);
        } catch (ParseException e) {
            LOG.warn("could not build the REGISTER answer: {}", e.toString());
            sip.reply(tx, Response.SERVER_INTERNAL_ERROR);
        }
    }

    private void challenge(Request request, ServerTransaction tx, boolean stale) {
        try {
            Response response = sip.response(request, Response.UNAUTHORIZED);
            registrar.digest().addChallenges(response, sip.headers, ChallengeKind.WWW, stale);
            sip.send(tx, response);
        } catch (ParseException e) {
            LOG.warn("could not build the challenge: {}", e.toString());
            sip.reply(tx, Response.SERVER_INTERNAL_ERROR);
        }
    }

    private void intervalTooBrief(Request request, ServerTransaction tx) {
        try {
            Response response = sip.response(request, Response.INTERVAL_TOO_BRIEF);
            response.addHeader(sip.headers.createMinExpiresHeader((int) registrar.config().minExpires().toSeconds()));
            sip.send(tx, response);
        } catch (ParseException | InvalidArgumentException e) {
            sip.reply(tx, Response.INTERVAL_TOO_BRIEF);
        }
    }

    private void badRequest(Request request, ServerTransaction tx, String why) {
        try {
            Response response = sip.response(request, Response.BAD_REQUEST);
            response.setReasonPhrase("Bad Request (" + why + ")");
            sip.send(tx, response);
        } catch (ParseException e) {
            sip.reply(tx, Response.BAD_REQUEST);
        }
    }

    private void unsupportedExtensions(Request request, ServerTransaction tx) {
        try {
            Response response = sip.response(request, Response.BAD_EXTENSION);
            ListIterator<?> required = request.getHeaders(RequireHeader.NAME);
            while (required.hasNext()) {
                response.addHeader(sip.headers.createUnsupportedHeader(((RequireHeader) required.next()).getOptionTag()));
            }
            sip.send(tx, response);
        } catch (ParseException e) {
            sip.reply(tx, Response.BAD_EXTENSION);
        }
    }

    private static InetSocketAddress viaAddress(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String host = via.getReceived() != null ? via.getReceived() : via.getHost();
        int port = via.getRPort() > 0 ? via.getRPort() : via.getPort() > 0 ? via.getPort() : 5060;
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static String userAgent(Request request) {
        Header header = request.getHeader(UserAgentHeader.NAME);
        if (header == null) {
            return null;
        }
        String text = header.toString();
        int colon = text.indexOf(':');
        String value = (colon >= 0 ? text.substring(colon + 1) : text).strip();
        return value.length() > 255 ? value.substring(0, 255) : value;
    }
}
