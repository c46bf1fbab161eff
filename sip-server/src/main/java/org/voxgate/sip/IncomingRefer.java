package org.voxgate.sip;

import java.text.ParseException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier side of a REFER we accepted: each {@link #report} becomes a NOTIFY with a
 * sipfrag status line on the REFER's dialog; the first final status ends the subscription
 * (RFC 3515 section 2.4.5, RFC 6665 {@code Subscription-State}).
 *
 * <p>Threading: thread-safe; NOTIFYs are sent on the reporting thread, in call order.
 */
final class IncomingRefer implements ReferProgress {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingRefer.class);
    /** The subscription lifetime we grant: long enough for a new call to ring out. */
    private static final int EXPIRES_SECONDS = 120;

    private final SipContext sip;
    private final Dialog dialog;
    /** The REFER's CSeq number: the {@code id} of the {@code refer} event (RFC 3515 2.4.6). */
    private final long referCSeq;
    private final AtomicBoolean terminated = new AtomicBoolean();

    IncomingRefer(SipContext sip, Dialog dialog, Request refer) {
        this.sip = sip;
        this.dialog = dialog;
        this.referCSeq = ((CSeqHeader) refer.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    @Override
    public synchronized void report(int status, String reason) {
        boolean last = status >= 200;
        if (terminated.get() || last && !terminated.compareAndSet(false, true)) {
            return;
        }
        if (dialog == null) {
            LOG.warn("no dialog to notify REFER progress {} on", status);
            return;
        }
        try {
            Request notify = dialog.createRequest(Request.NOTIFY);
            EventHeader event = sip.headers.createEventHeader("refer");
            event.setEventId(Long.toString(referCSeq));
            notify.addHeader(event);
            SubscriptionStateHeader state = sip.headers.createSubscriptionStateHeader(
                    last ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
            if (last) {
                state.setReasonCode("noresource");
            } else {
                state.setExpires(EXPIRES_SECONDS);
            }
            notify.addHeader(state);
            notify.addHeader(sip.contact(SipContext.transportOf(notify)));
            javax.sip.header.ContentTypeHeader type = sip.headers.createContentTypeHeader("message", "sipfrag");
            type.setParameter("version", "2.0");
            notify.setContent(Sipfrag.body(status, reason), type);
            ClientTransaction tx = sip.provider.getNewClientTransaction(notify);
            dialog.sendRequest(tx);
            sip.metrics.requestSent(Request.NOTIFY);
        } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("could not send NOTIFY {} for a REFER: {}", status, e.toString());
        }
    }
}
