package org.voxgate.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.RequestEventExt;
import gov.nist.javax.sip.SipListenerExt;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one JAIN-SIP listener. On the stack's thread it only counts the message, claims a
 * server transaction (so retransmissions are absorbed by the stack), and hands the work to a
 * handler on a virtual thread with the Call-ID in the logging context.
 *
 * <p>Threading: called concurrently by the stack's threads (the stack is configured
 * re-entrant); holds no state of its own.
 */
final class SipDispatcher implements SipListenerExt {
    private static final Logger LOG = LoggerFactory.getLogger(SipDispatcher.class);

    private final SipContext sip;
    private final InviteHandler invites;
    private final ByeHandler byes;
    private final CancelHandler cancels;
    private final OptionsHandler options;
    private final ReferHandler refers;
    private final NotifyHandler notifies;
    private final RegisterHandler registers;
    private final InDialogHandler inDialog;
    private final SessionRefresher refresher;
    private final RequestGate gate;

    SipDispatcher(SipContext sip) {
        this.sip = sip;
        this.invites = new InviteHandler(sip);
        this.byes = new ByeHandler(sip);
        this.cancels = new CancelHandler(sip);
        this.options = new OptionsHandler(sip);
        this.refers = new ReferHandler(sip);
        this.notifies = new NotifyHandler(sip);
        this.registers = sip.registrar == null ? null : new RegisterHandler(sip, sip.registrar);
        this.inDialog = new InDialogHandler(sip);
        this.refresher = new SessionRefresher(sip);
        this.gate = new RequestGate(sip);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        sip.metrics.requestReceived(method);
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (Request.ACK.equals(method)) {
            sip.dialogCall(callId).ifPresent(call -> sip.workers.execute(() -> call.withCallId(() -> {
                inDialog.ack(call, request);
                if (call instanceof SipCall answered) {
                    answered.confirmed();
                }
            })));
            return;
        }
        if (!gate.admit(event, request, callId)) {
            return; // over the source's rate limit: answered 503 or dropped by the gate
        }
        ServerTransaction tx = event.getServerTransaction();
        if (tx == null) {
            try {
                tx = sip.provider.getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException e) {
                return; // a retransmission the stack already answers for us
            } catch (TransactionUnavailableException e) {
                // The stack parsed the message but it breaks RFC 3261 (a required header is
                // missing or unreadable): answer 400 without a transaction, and carry on.
                badRequest(request, e.getMessage(), callId);
                return;
            }
        }
        InetSocketAddress source = sourceOf(event);
        ServerTransaction transaction = tx;
        sip.workers.execute(() -> {
            MDC.put("callId", callId);
            try {
                route(method, request, transaction, source, callId);
            } catch (RuntimeException e) {
                LOG.error("failed to handle {}", method, e);
                sip.reply(transaction, Response.SERVER_INTERNAL_ERROR);
            } finally {
                MDC.remove("callId");
            }
        });
    }

    private void badRequest(Request request, String problem, String callId) {
        MDC.put("callId", callId);
        try {
            LOG.info("malformed {}: {}; answering 400", request.getMethod(), problem);
            Response response = sip.response(request, Response.BAD_REQUEST);
            String text = problem == null ? "malformed request" : SipContext.quotable(problem);
            response.setReasonPhrase("Bad Request (" + text + ")");
            sip.provider.sendResponse(response);
            sip.metrics.responseSent(Response.BAD_REQUEST, request.getMethod());
        } catch (ParseException | SipException | RuntimeException e) {
            LOG.info("could not answer a malformed {}; dropped: {}", request.getMethod(), e.toString());
        } finally {
            MDC.remove("callId");
        }
    }

    private void route(String method, Request request, ServerTransaction tx, InetSocketAddress source, String callId) {
        switch (method) {
            case Request.INVITE -> invites.handle(request, tx, source);
            case Request.BYE -> byes.handle(callId, tx);
            case Request.CANCEL -> cancels.handle(callId, tx);
            case Request.OPTIONS -> options.handle(tx);
            case Request.UPDATE -> inDialog.offer(callId, request, tx);
            case Request.INFO -> inDialog.info(callId, request, tx);
            case Request.REFER -> refers.handle(callId, request, tx);
            case Request.NOTIFY -> notifies.handle(callId, request, tx);
            case Request.REGISTER -> {
                if (registers != null) {
                    registers.handle(request, tx, source);
                } else {
                    sip.reply(tx, Response.METHOD_NOT_ALLOWED);
                }
            }
            case Request.SUBSCRIBE, Request.MESSAGE, Request.PRACK, Request.PUBLISH -> {
                LOG.info("{} is not supported: 405", method);
                sip.reply(tx, Response.METHOD_NOT_ALLOWED);
            }
            default -> {
                LOG.info("unknown method {}: 501", method);
                sip.reply(tx, Response.NOT_IMPLEMENTED);
            }
        }
    }

    private static InetSocketAddress sourceOf(RequestEvent event) {
        if (event instanceof RequestEventExt ext && ext.getRemoteIpAddress() != null) {
            try {
                // An IP literal: parsed, never looked up in DNS.
                return new InetSocketAddress(InetAddress.getByName(ext.getRemoteIpAddress()), ext.getRemotePort());
            } catch (UnknownHostException e) {
                return InetSocketAddress.createUnresolved(ext.getRemoteIpAddress(), ext.getRemotePort());
            }
        }
        return null;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        sip.metrics.responseReceived(response.getStatusCode(), method);
        ClientTransaction client = event.getClientTransaction();
        if (client != null && client.getApplicationData() instanceof ClientTransactionListener listener) {
            String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
            sip.workers.execute(() -> {
                MDC.put("callId", callId);
                try {
                    listener.onResponse(event);
                } catch (RuntimeException e) {
                    LOG.error("failed to handle a {} response to {}", response.getStatusCode(), method, e);
                } finally {
                    MDC.remove("callId");
                }
            });
            return;
        }
        if (Request.BYE.equals(method) && response.getStatusCode() >= 200) {
            sip.pendingByes.decrementAndGet();
        } else if (Request.REFER.equals(method) && response.getStatusCode() >= 200) {
            String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
            referOf(callId).ifPresent(refer -> sip.workers.execute(() -> refer.onResponse(response)));
        } else if (Request.INVITE.equals(method) || Request.UPDATE.equals(method)) {
            // the answer to a session refresh we sent
            String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
            sip.dialogCall(callId).filter(call -> call.dialog().offer() == CallDialog.Offer.OURS)
                    .ifPresent(call -> sip.workers.execute(() -> call.withCallId(() -> refresher.onResponse(call, event))));
        }
    }

    private java.util.Optional<OutgoingRefer> referOf(String callId) {
        return sip.referOf(callId);
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction client = event.getClientTransaction();
        if (client != null && client.getApplicationData() instanceof ClientTransactionListener listener) {
            sip.workers.execute(listener::onTimeout);
            return;
        }
        if (client != null && Request.BYE.equals(client.getRequest().getMethod())) {
            LOG.info("BYE got no answer");
            sip.pendingByes.decrementAndGet();
        } else if (client != null && Request.REFER.equals(client.getRequest().getMethod())) {
            String callId = ((CallIdHeader) client.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
            referOf(callId).ifPresent(refer -> sip.workers.execute(refer::onTimeout));
        } else if (client != null) {
            String method = client.getRequest().getMethod();
            String callId = ((CallIdHeader) client.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
            if (Request.INVITE.equals(method) || Request.UPDATE.equals(method)) {
                sip.dialogCall(callId).filter(call -> call.dialog().offer() == CallDialog.Offer.OURS)
                        .ifPresent(call -> sip.workers.execute(() -> call.withCallId(() -> refresher.onTimeout(call))));
            }
        }
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        String callId = event.getDialog().getCallId().getCallId();
        sip.dialogCall(callId).ifPresent(call -> sip.workers.execute(() -> call.withCallId(() -> {
            LOG.warn("dialog timed out ({}); ending the call", event.getReason());
            call.endCall(EndReason.NO_ACK);
        })));
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("SIP I/O error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}
}
