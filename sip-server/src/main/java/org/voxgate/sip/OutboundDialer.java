package org.voxgate.sip;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.message.Request;
import org.voxgate.media.MediaException;
import org.voxgate.media.MediaSession;

/**
 * Turns an {@link OutboundCallRequest} into an {@link OutboundSipCall}: reserves media, asks
 * the media layer for the SDP offer, builds one INVITE per target (the first carries the call
 * id as its Call-ID, forks get their own), registers the call and sends.
 *
 * <p>Thread-safe: stateless apart from the context.
 */
final class OutboundDialer {
    private final SipContext sip;

    OutboundDialer(SipContext sip) {
        this.sip = sip;
    }

    /**
     * @throws MediaException when no RTP port pair is free
     * @throws IllegalArgumentException naming the target whose URI cannot be parsed
     * @throws IllegalStateException when the node holds {@code sip.max-calls} calls already
     */
    OutboundSipCall place(OutboundCallRequest request) throws MediaException {
        if (sip.atCallLimit()) {
            throw new IllegalStateException("the node holds " + sip.callsHeld()
                    + " calls, its limit (sip.max-calls); try again later");
        }
        String callId = request.callId() != null ? request.callId() : sip.provider.getNewCallId().getCallId();
        if (sip.outbound.find(callId).isPresent() || sip.calls.find(callId).isPresent()) {
            throw new IllegalArgumentException("a call with id " + callId + " is already in progress");
        }
        MediaSession media = sip.media.open(callId);
        OutboundSipCall call;
        try {
            String offer = sip.media.offer(media, request.codecs());
            call = new OutboundSipCall(sip, callId, request, media);
            String fromHost = request.fromDomain() != null && !request.fromDomain().isBlank()
                    ? request.fromDomain() : sip.config.advertisedHost();
            boolean first = true;
            for (SipTarget target : request.targets()) {
                String legCallId = first ? callId : sip.provider.getNewCallId().getCallId();
                first = false;
                if (target.via() != null) {
                    sip.legFlows.put(legCallId, CallFlow.hopTo(target.via(), target.uri()));
                }
                call.addLeg(new UacLeg(sip, target, invite(target, request, fromHost, legCallId, offer), call));
            }
        } catch (RuntimeException e) {
            media.close();
            throw e;
        }
        sip.outbound.add(call);
        call.withCallId(call::start);
        return call;
    }

    private Request invite(SipTarget target, OutboundCallRequest request, String fromHost, String callId, String offer) {
        try {
            URI uri = sip.addresses.createURI(target.uri());
            Address from = sip.clientRequests.address(request.fromUser(), fromHost);
            Address to = sip.addresses.createAddress((URI) uri.clone());
            Request invite = sip.clientRequests.create(Request.INVITE, uri, from, to, callId, 1);
            invite.addHeader(sip.headers.createAllowHeader(String.join(", ", SipContext.ALLOWED)));
            SessionTimerHeaders.offer(sip, invite);
            invite.setContent(offer, sip.headers.createContentTypeHeader("application", "sdp"));
            return invite;
        } catch (ParseException | InvalidArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a usable SIP URI: " + target.uri() + " (" + e.getMessage() + ")", e);
        }
    }
}
