package org.voxgate.sip;

import java.text.ParseException;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.location.Binding;
import org.voxgate.sip.location.LocationService;

/**
 * Keeps NAT pinholes of registered phones open: sends each binding behind NAT an OPTIONS
 * to the address its REGISTER came from (RFC 3261 11 as the keep-alive most phones answer).
 * Sent statelessly: a lost keep-alive costs nothing, and no transaction is held per phone.
 *
 * <p>Threading: {@link #sendAll} runs on a SIP worker thread, started by the server's timer.
 */
final class NatKeepAlive {
    private static final Logger LOG = LoggerFactory.getLogger(NatKeepAlive.class);

    private final SipContext sip;
    private final LocationService location;

    NatKeepAlive(SipContext sip, LocationService location) {
        this.sip = sip;
        this.location = location;
    }

    void sendAll() {
        List<Binding> nated = location.natedBindings();
        for (Binding binding : nated) {
            try {
                sip.provider.sendRequest(options(binding));
                sip.metrics.requestSent(Request.OPTIONS);
            } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
                LOG.debug("keep-alive to {} failed: {}", binding.target(), e.toString());
            }
        }
        if (!nated.isEmpty()) {
            LOG.debug("sent {} NAT keep-alive(s)", nated.size());
        }
    }

    /** OPTIONS to the Contact, routed (loose route) to the binding's source address. */
    private Request options(Binding binding) throws ParseException, InvalidArgumentException {
        URI requestUri = sip.addresses.createURI(binding.contact());
        SipURI self = sip.addresses.createSipURI("voxgate", sip.config.advertisedHost());
        FromHeader from = sip.headers.createFromHeader(sip.addresses.createAddress(self), SipContext.newTag());
        ToHeader to = sip.headers.createToHeader(sip.addresses.createAddress(sip.addresses.createURI(binding.aor())), null);
        CallIdHeader callId = sip.provider.getNewCallId();
        CSeqHeader cseq = sip.headers.createCSeqHeader(1L, Request.OPTIONS);
        ViaHeader via = sip.headers.createViaHeader(sip.config.advertisedHost(), sip.config.port(), binding.transport(),
                "z9hG4bK" + SipContext.newTag());
        MaxForwardsHeader maxForwards = sip.headers.createMaxForwardsHeader(70);
        Request request = sip.messages.createRequest(requestUri, Request.OPTIONS, callId, cseq, from, to,
                List.of(via), maxForwards);
        String host = binding.receivedHost().contains(":") ? "[" + binding.receivedHost() + "]" : binding.receivedHost();
        SipURI hop = (SipURI) sip.addresses.createURI("sip:" + host + ":" + binding.receivedPort());
        hop.setLrParam();
        hop.setTransportParam(binding.transport());
        request.addHeader(sip.headers.createRouteHeader(sip.addresses.createAddress(hop)));
        return request;
    }
}
