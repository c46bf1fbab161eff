package org.voxgate.sip;

import gov.nist.javax.sip.Utils;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.voxgate.sip.auth.ChallengeKind;
import org.voxgate.sip.auth.DigestChallenge;

/**
 * Builds the out-of-dialog requests we send as a client (INVITE, OPTIONS, REGISTER), and
 * their re-sends answering a digest challenge with the registrar's client-side
 * {@link DigestChallenge#authorization}.
 *
 * <p>Thread-safe: holds only the thread-safe context and a {@link SecureRandom}.
 */
final class ClientRequests {
    private final SipContext sip;
    private final SecureRandom random = new SecureRandom();

    ClientRequests(SipContext sip) {
        this.sip = sip;
    }

    /**
     * A new request with a fresh Via branch, Max-Forwards 70, our User-Agent and Contact.
     *
     * @param requestUri where it goes
     * @param from our address; a tag is added
     * @param to the callee's address, without a tag
     * @param callId the Call-ID
     * @param cseq the sequence number
     */
    Request create(String method, URI requestUri, Address from, Address to, String callId, long cseq)
            throws ParseException, InvalidArgumentException {
        String transport = transportOf(requestUri);
        CallIdHeader callIdHeader = sip.headers.createCallIdHeader(callId);
        CSeqHeader cseqHeader = sip.headers.createCSeqHeader(cseq, method);
        FromHeader fromHeader = sip.headers.createFromHeader(from, SipContext.newTag());
        ToHeader toHeader = sip.headers.createToHeader(to, null);
        ViaHeader via = sip.headers.createViaHeader(sip.config.advertisedHost(), sip.config.port(), transport,
                Utils.getInstance().generateBranchId());
        via.setRPort();
        MaxForwardsHeader maxForwards = sip.headers.createMaxForwardsHeader(70);
        Request request = sip.messages.createRequest(requestUri, method, callIdHeader, cseqHeader, fromHeader,
                toHeader, List.of(via), maxForwards);
        request.addHeader(sip.headers.createUserAgentHeader(List.of(sip.config.userAgent())));
        request.addHeader(sip.contact(transport));
        return request;
    }

    /** {@code sip:user@host} (or {@code sip:host} without a user) as an address. */
    Address address(String user, String host) throws ParseException {
        SipURI uri = sip.addresses.createSipURI(user == null || user.isEmpty() ? null : user, host);
        return sip.addresses.createAddress(uri);
    }

    /** The transport a URI asks for ({@code transport=} parameter), udp when it names none. */
    static String transportOf(URI uri) {
        if (uri instanceof SipURI sipUri && sipUri.getTransportParam() != null) {
            return sipUri.getTransportParam().toLowerCase(Locale.ROOT);
        }
        return "udp";
    }

    /**
     * The request to send again answering the 401 or 407 {@code challenge}: a copy of
     * {@code previous} with the next CSeq, a new Via branch and the Authorization (or
     * Proxy-Authorization) header computed from the password. Empty when the response carries
     * no digest challenge we can answer.
     */
    Optional<Request> answerChallenge(Request previous, Response challenge, String username, String password)
            throws ParseException, InvalidArgumentException {
        ChallengeKind kind = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED
                ? ChallengeKind.PROXY : ChallengeKind.WWW;
        DigestChallenge parsed = null;
        ListIterator<?> headers = challenge.getHeaders(kind.challengeHeader());
        while (headers != null && headers.hasNext() && parsed == null) {
            parsed = DigestChallenge.parse(((Header) headers.next()).toString().trim()).orElse(null);
        }
        if (parsed == null) {
            return Optional.empty();
        }
        Request next = (Request) previous.clone();
        CSeqHeader cseq = (CSeqHeader) next.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        ((ViaHeader) next.getHeader(ViaHeader.NAME)).setBranch(Utils.getInstance().generateBranchId());
        next.removeHeader(kind.credentialsHeader());
        byte[] cnonceBytes = new byte[8];
        random.nextBytes(cnonceBytes);
        String cnonce = HexFormat.of().formatHex(cnonceBytes);
        String value = parsed.authorization(username, password, next.getMethod(), next.getRequestURI().toString(),
                cnonce, 1);
        next.addHeader(sip.headers.createHeader(kind.credentialsHeader(), value));
        return Optional.of(next);
    }
}
