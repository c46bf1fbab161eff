package org.voxgate.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INVITE client transaction to one {@link SipTarget} and the dialog it may create: sends
 * the INVITE, answers one digest challenge (401/407) per attempt with the target's
 * credentials, reports provisional responses and early SDP, ACKs a 2xx, sends CANCEL when
 * asked (deferred until a provisional response arrived, RFC 3261 9.1), and BYE.
 *
 * <p>Legs are the building block for every call we place: one leg per trunk call, several
 * legs sharing one offer to fork to a user's contacts (see {@link OutboundSipCall}).
 *
 * <p>Threading: responses arrive on SIP worker threads; every state change is under this
 * object's lock, and messages are sent under it too (JAIN-SIP sends without blocking on the
 * peer), so a CANCEL can never overtake the INVITE it cancels.
 */
final class UacLeg implements ClientTransactionListener {
    private static final Logger LOG = LoggerFactory.getLogger(UacLeg.class);
    /** Challenges answered per leg: a second challenge after our answer means wrong credentials. */
    private static final int MAX_CHALLENGES = 2;

    enum State { CALLING, PROCEEDING, ANSWERED, FAILED, ENDED }

    private final SipContext sip;
    private final SipTarget target;
    private final LegListener listener;
    private Request invite;
    private ClientTransaction transaction;
    private Dialog dialog;
    private Response answer;
    private State state = State.CALLING;
    private boolean cancelWanted;
    private boolean cancelSent;
    private int challenges;
    private int finalStatus;

    UacLeg(SipContext sip, SipTarget target, Request invite, LegListener listener) {
        this.sip = sip;
        this.target = target;
        this.invite = invite;
        this.listener = listener;
    }

    SipTarget target() { return target; }

    String callId() { return ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(); }

    synchronized State state() { return state; }

    /** The status of the final response, 0 while none arrived. */
    synchronized int finalStatus() { return finalStatus; }

    /** Sends the INVITE. A failure to send is reported as {@link LegListener#failed} with 503. */
    void start() {
        synchronized (this) {
            if (send(invite)) {
                return;
            }
            state = State.FAILED;
            finalStatus = Response.SERVICE_UNAVAILABLE;
        }
        listener.failed(this, Response.SERVICE_UNAVAILABLE);
    }

    private boolean send(Request request) {
        try {
            ClientTransaction tx = sip.provider.getNewClientTransaction(request);
            tx.setApplicationData(this);
            transaction = tx;
            invite = request;
            tx.sendRequest();
            sip.metrics.requestSent(request.getMethod());
            return true;
        } catch (SipException | RuntimeException e) {
            LOG.warn("could not send INVITE to {}: {}", target.uri(), e.toString());
            return false;
        }
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return; // the answer to our CANCEL; the INVITE's 487 follows
        }
        if (status < 200) {
            provisional(status, response);
        } else if (status < 300) {
            answered(event, response);
        } else {
            failedResponse(status, response);
        }
    }

    private void provisional(int status, Response response) {
        synchronized (this) {
            if (state != State.CALLING && state != State.PROCEEDING) {
                return;
            }
            state = State.PROCEEDING;
            if (cancelWanted && !cancelSent) {
                sendCancel();
            }
            if (status == Response.TRYING || cancelWanted) {
                return;
            }
        }
        listener.provisional(this, status, sdpOf(response));
    }

    private void answered(ResponseEvent event, Response response) {
        boolean wanted;
        synchronized (this) {
            if (state == State.ANSWERED || state == State.ENDED) {
                return; // a retransmitted 2xx; the stack re-sends our ACK
            }
            state = State.ANSWERED;
            finalStatus = response.getStatusCode();
            dialog = event.getDialog() != null ? event.getDialog() : transaction.getDialog();
            answer = response;
            ack(response);
            if (cancelWanted) {
                LOG.info("{} answered after we cancelled; ending it with BYE", target.uri());
                sendByeLocked();
                return;
            }
        }
        wanted = listener.answered(this, sdpOf(response));
        if (!wanted) {
            bye();
        }
    }

    private void failedResponse(int status, Response response) {
        synchronized (this) {
            if (state != State.CALLING && state != State.PROCEEDING) {
                return;
            }
            if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                    && !cancelWanted && retryWithCredentials(response)) {
                return;
            }
            state = State.FAILED;
            finalStatus = status;
        }
        LOG.info("{} answered {}", target.uri(), status);
        listener.failed(this, status);
    }

    /** Answers a challenge; true when the INVITE went out again with credentials. */
    private boolean retryWithCredentials(Response challenge) {
        if (target.username() == null || target.password() == null || challenges >= MAX_CHALLENGES) {
            LOG.info("{} challenged with {} and we have {} credentials", target.uri(), challenge.getStatusCode(),
                    target.username() == null ? "no" : "already tried our");
            return false;
        }
        challenges++;
        try {
            Optional<Request> next = sip.clientRequests.answerChallenge(invite, challenge, target.username(),
                    target.password());
            if (next.isEmpty()) {
                LOG.info("{} sent a challenge we cannot answer", target.uri());
                return false;
            }
            LOG.info("{} challenged with {}; sending INVITE again with digest credentials of {}", target.uri(),
                    challenge.getStatusCode(), target.username());
            state = State.CALLING;
            return send(next.get());
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not answer the challenge of {}: {}", target.uri(), e.toString());
            return false;
        }
    }

    @Override
    public void onTimeout() {
        synchronized (this) {
            if (state != State.CALLING && state != State.PROCEEDING) {
                return;
            }
            state = State.FAILED;
            finalStatus = Response.REQUEST_TIMEOUT;
        }
        LOG.info("{} never answered the INVITE", target.uri());
        listener.failed(this, Response.REQUEST_TIMEOUT);
    }

    /**
     * Stops a leg that has not answered: CANCEL now if a provisional response arrived, else as
     * soon as one does. An answer that still arrives is ACKed and ended with BYE. No-op once the
     * leg failed.
     */
    synchronized void cancel() {
        cancelWanted = true;
        if (state == State.PROCEEDING && !cancelSent) {
            sendCancel();
        }
    }

    private void sendCancel() {
        cancelSent = true;
        try {
            Request cancel = transaction.createCancel();
            ClientTransaction tx = sip.provider.getNewClientTransaction(cancel);
            tx.sendRequest();
            sip.metrics.requestSent(Request.CANCEL);
            LOG.info("CANCEL sent to {}", target.uri());
        } catch (SipException | RuntimeException e) {
            LOG.warn("could not send CANCEL to {}: {}", target.uri(), e.toString());
        }
    }

    private void ack(Response response) {
        try {
            long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = dialog.createAck(seq);
            dialog.sendAck(ack);
            sip.metrics.requestSent(Request.ACK);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not ACK the answer of {}: {}", target.uri(), e.toString());
        }
    }

    /** Ends an answered leg with BYE. No-op unless answered. */
    synchronized void bye() {
        sendByeLocked();
    }

    private void sendByeLocked() {
        if (state != State.ANSWERED || dialog == null) {
            return;
        }
        state = State.ENDED;
        sip.sendBye(dialog, target.uri());
    }

    /** The 2xx that answered this leg, or null before an answer. */
    synchronized Response answer() {
        return answer;
    }

    /** The transport our INVITE went over, lower case. */
    synchronized String transport() {
        return SipContext.transportOf(invite);
    }

    /** The dialog this leg created, or null before an answer. */
    synchronized Dialog dialog() {
        return dialog;
    }

    /** The remote side sent BYE: the dialog is over, nothing more to send. */
    synchronized void remoteEnded() {
        state = State.ENDED;
    }

    private static String sdpOf(Response response) {
        byte[] body = response.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) response.getHeader(ContentTypeHeader.NAME);
        if (body == null || body.length == 0 || type == null || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            return null;
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
